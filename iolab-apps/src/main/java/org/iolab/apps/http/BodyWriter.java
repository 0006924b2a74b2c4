package org.iolab.apps.http;

import java.nio.ByteBuffer;

/**
 * The content of an answer that is sent as it is made ({@link HttpReply#stream}): chunks on
 * HTTP/1.1 ({@code Transfer-Encoding: chunked}, or within a Content-Length given first), DATA
 * frames on HTTP/2. Writes never block; {@link #isWritable} and {@link #bufferedBytes} say when
 * the client is not keeping up (an endless stream should stop writing, or {@link #abort}).
 *
 * <pre>{@code
 * BodyWriter out = reply.contentType("text/event-stream").stream();
 * feed.listen(event -> out.write("data: " + event + "\n\n"));   // from the feed's thread
 * }</pre>
 *
 * <p>Thread rule: any thread, one at a time (writes from two threads at once interleave in no
 * promised order); the bytes given are copied or consumed at the call.
 */
public interface BodyWriter {

    /** Sends {@code data}'s remaining bytes (consumed). */
    void write(ByteBuffer data);

    /** Sends {@code data}. */
    default void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    /** Sends {@code text} as UTF-8. */
    default void write(String text) {
        write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A trailer field, sent after the content ({@code grpc-status}, a checksum). Checked as a
     * header is.
     *
     * @throws IllegalArgumentException for a name that is not a token or a value with CR, LF or NUL
     * @throws IllegalStateException after {@link #end}, or on a writer with a length given first
     *     (HTTP/1.1 sends trailers only with chunks)
     */
    void trailer(String name, String value);

    /**
     * The content is complete (its trailers follow). With a length given first, fewer bytes
     * than it said cut the answer off instead (the client must not take it for whole).
     */
    void end();

    /** Cuts the answer off: the client sees it incomplete (HTTP/1.1 closes the connection, HTTP/2 resets the stream). */
    void abort();

    /** Whether the client is keeping up (the connection's pending output below its high-water mark). */
    boolean isWritable();

    /** Bytes written and not yet taken by the client's connection. */
    long bufferedBytes();

    /** Whether writes still go anywhere: neither ended, aborted, nor the connection gone. */
    boolean isOpen();
}
