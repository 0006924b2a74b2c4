package org.iolab.apps.http;

/**
 * What a server answers: one call per request, in request order, on the connection's thread.
 * It answers through the {@link HttpReply} before it returns (or takes the connection over as
 * a stream of server-sent events).
 *
 * <p>Thread rule: called from many connections' threads at once; an implementation shares only
 * what is safe to share.
 */
@FunctionalInterface
public interface HttpRoutes {

    void answer(HttpRequest request, HttpReply reply);
}
