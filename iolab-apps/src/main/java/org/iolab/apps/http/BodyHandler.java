package org.iolab.apps.http;

import java.nio.ByteBuffer;

/**
 * Takes a request's body as it arrives instead of whole (an upload of any size in bounded
 * memory): called with the head, it returns the {@link Sink} the body's pieces go to; it answers
 * through {@code reply} when it likes (a streamed answer as the pieces come, or at the end).
 *
 * <pre>{@code
 * router.streamed("PUT", "/files/{name}", RouteOptions.unlimitedBody(), (head, reply) -> {
 *     OutputStream file = Files.newOutputStream(dir.resolve(head.pathParam("name")));
 *     return new BodyHandler.Sink() {
 *         public void data(ByteBuffer chunk) throws IOException { file.write(...); }
 *         public void end() throws IOException { file.close(); reply.status(201).send(); }
 *         public void aborted() throws IOException { file.close(); } // and delete what came
 *     };
 * });
 * }</pre>
 *
 * <p>Thread rule: as {@link HttpHandler}; the sink's calls come on the connection's thread, in order.
 */
@FunctionalInterface
public interface BodyHandler {

    Sink open(HttpRequest head, HttpReply reply) throws Exception;

    /** A body as it arrives. A sink that throws gets 500 (or its streamed answer cut off). */
    interface Sink {
        /** Bytes of the body (valid during the call; the sink may change them in place). */
        void data(ByteBuffer chunk) throws Exception;

        /** The body has ended: answer now at the latest (or later, having said {@code reply.later()}). */
        void end() throws Exception;

        /**
         * The body will not end: the connection ended, or (HTTP/2) the stream was reset by either
         * side, before it did. Let go of what the sink holds (a file half written); an answer now
         * goes nowhere. At most once, instead of {@link #end}; what it throws is logged.
         */
        default void aborted() throws Exception {
        }
    }
}
