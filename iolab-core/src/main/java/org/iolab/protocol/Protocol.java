package org.iolab.protocol;

import java.nio.ByteBuffer;

/**
 * An application's side of one TCP connection, written once and served by every engine.
 *
 * <p>The vocabulary is Twisted's: the engine calls {@link #connectionMade}, then
 * {@link #dataReceived} for every chunk of bytes that arrives, then {@link #connectionLost}
 * exactly once. Bytes arrive <em>split or merged arbitrarily</em>: a message sent in one
 * {@code write} by the peer may come in several chunks, and several messages in one chunk.
 * Parse with a codec (see {@code org.iolab.codec}) and test with one byte at a time.
 *
 * <p><b>Thread rule.</b> All callbacks of one connection run on one thread at a time, in order
 * (on event-loop engines always the same loop thread; on thread engines the connection's own
 * thread). A protocol instance therefore needs no locking for its own state. It talks to the
 * world only through its {@link Transport}.
 *
 * <pre>{@code
 * final class Echo implements Protocol {
 *     private Transport transport;
 *     public void connectionMade(Transport t) { transport = t; }
 *     public void dataReceived(ByteBuffer data) { transport.write(data); }
 * }
 * }</pre>
 */
public interface Protocol {

    /** The connection is open; {@code transport} is this connection's only way out. */
    void connectionMade(Transport transport);

    /**
     * Bytes arrived. The buffer belongs to the engine and is valid only during this call:
     * read it, modify its contents in place if that helps, pass it to {@link Transport#write},
     * but never keep a reference to it.
     */
    void dataReceived(ByteBuffer data);

    /**
     * The connection is closed, exactly once. {@code cause} is {@code null} for a clean close
     * (either side closed, or the peer half-closed and every pending reply was sent), else the
     * error that ended it (a reset, a failure in a callback).
     */
    default void connectionLost(Throwable cause) {
    }

    /**
     * The transport's pending output crossed the high-water mark ({@code false}) or fell back
     * below the low-water mark ({@code true}). Advisory: {@link Transport#isWritable()} is the
     * truth. Reading is already paused by the engine while not writable. {@code false} may
     * come within the {@code write} that crossed the mark when that write is made on this
     * connection's thread (from another connection's callback, say), as Twisted's
     * {@code pauseProducing} does; {@code dataReceived} never runs within another
     * connection's call into this transport.
     */
    default void writabilityChanged(boolean writable) {
    }

    /**
     * The server is stopping gracefully. Return {@code true} when this protocol finishes what
     * it has in hand and then closes the connection itself (HTTP/2 sends GOAWAY and lets its
     * streams end); {@code false}, the default, to have the connection closed now, after its
     * pending output. Whatever is still open when the server's grace ends is aborted.
     */
    default boolean stopRequested() {
        return false;
    }
}
