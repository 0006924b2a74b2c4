package org.iolab.apps.http;

import java.nio.ByteBuffer;

/**
 * What a server answers: one call per request, in request order, on the connection's thread.
 * It answers through the {@link HttpReply} before it returns (or takes the connection over as
 * a stream of server-sent events). A route that takes a body as it arrives says so in
 * {@link #stream}; the others get it whole, up to the body limit.
 *
 * <pre>{@code
 * HttpRoutes hello = (request, reply) -> reply.ok(TEXT, HELLO, HELLO.length);
 * }</pre>
 *
 * <p>Thread rule: called from many connections' threads at once; an implementation shares only
 * what is safe to share.
 */
@FunctionalInterface
public interface HttpRoutes {

    /** Answers a request whose body (if any) came whole. */
    void answer(HttpRequest request, HttpReply reply);

    /**
     * Called with each request's head, before its body: a sink to take the body as it arrives
     * (the route answers through {@code reply} as it likes, a chunked answer for one, and by
     * {@link BodySink#end} at the latest), or {@code null} (the default) to have
     * {@link #answer} called with the body whole.
     */
    default BodySink stream(HttpRequest head, HttpReply reply) {
        return null;
    }

    /** A body as it arrives. Thread rule: the connection's callback thread. */
    interface BodySink {
        /** Bytes of the body (valid during the call; the sink may change them in place). */
        void data(ByteBuffer chunk);

        /** The body has ended. */
        void end();
    }
}
