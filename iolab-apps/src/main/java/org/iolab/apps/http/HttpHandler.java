package org.iolab.apps.http;

/**
 * Answers a request whose body (if any) came whole: through {@code reply}, before it returns or
 * (after {@link HttpReply#later}) from any thread afterwards. A handler that throws before
 * answering gets 500 for it, its connection still usable; the failure is logged.
 *
 * <pre>{@code
 * HttpHandler hello = (request, reply) -> reply.send("Hello, " + request.queryParam("name") + "\n");
 * }</pre>
 *
 * <p>Thread rule: called on the connection's thread, from many connections at once: share only
 * what is safe to share, and never block (an event loop serves other connections meanwhile).
 */
@FunctionalInterface
public interface HttpHandler {

    void handle(HttpRequest request, HttpReply reply) throws Exception;
}
