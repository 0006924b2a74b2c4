package org.iolab.apps.http;

import java.nio.ByteBuffer;
import org.iolab.protocol.Protocol;

/**
 * How a framing sends one request's answer: HTTP/1.1's bytes, an HTTP/2 stream's frames. An
 * {@link HttpReply} drives it once its route has chosen the answer; the reply has checked the
 * status, the fields and the content against each other, so a responder only frames them. For
 * framings; a route never sees one.
 *
 * <p>Thread rule: {@link #execute} and {@link #onConnectionThread} from any thread; the rest on
 * the connection's callback thread only.
 */
public interface Responder {

    /** The whole answer: {@code reply}'s status and fields and {@code content} ({@code null}: none). */
    void send(HttpReply reply, ByteBuffer content);

    /** The whole answer, its content {@code length} bytes of {@code content} from {@code offset} (the constant answer's path). */
    void send(HttpReply reply, byte[] content, int offset, int length);

    /** The head of an answer whose content follows through the writer ({@code length} -1: unknown). */
    BodyWriter stream(HttpReply reply, long length);

    /**
     * 101 Switching Protocols with {@code reply}'s fields, then {@code next} gets the connection
     * ({@code connectionMade}, and every byte after the request).
     *
     * @throws UnsupportedOperationException where the framing cannot (HTTP/2)
     */
    void upgrade(HttpReply reply, Protocol next);

    /** The edges of the connection's callbacks, which the tasks below go through. */
    CallbackEdges edges();

    /** Runs {@code task} on the connection's callback thread, after the current callback, in order. */
    default void execute(Runnable task) {
        edges().execute(task);
    }

    /**
     * Runs {@code task} on the server's worker pool, then {@code then} on the connection's
     * callback thread, in order ({@link org.iolab.protocol.Transport#executeBlocking}).
     */
    default <T> void executeBlocking(java.util.concurrent.Callable<? extends T> task,
                                     java.util.function.BiConsumer<? super T, ? super Throwable> then) {
        edges().executeBlocking(task, then);
    }

    /** Whether the caller runs inside one of the connection's callbacks. */
    default boolean onConnectionThread() {
        return edges().onCallbackThread();
    }
}
