package example;

import org.iolab.apps.http.Router;

/**
 * Two routes: {@code GET /hello} greets, {@code POST /reverse} answers its body reversed. The
 * router answers the rest (404 elsewhere, 405 with Allow for another method, HEAD, OPTIONS);
 * the server has already framed the request (Content-Length or chunked), answered {@code Expect:
 * 100-continue}, refused what RFC 9112 forbids, and keeps the connection alive or closes it as
 * the request asks.
 */
public final class Greeter {

    private Greeter() {
    }

    public static Router routes() {
        return new Router() // each handler runs on the connection's thread: do not block in it
                .get("/hello", (request, reply) -> reply.send("Hello from iolab!\n"))
                .post("/reverse", (request, reply) -> reply.send(new StringBuilder(request.bodyText()).reverse().toString()));
    }
}
