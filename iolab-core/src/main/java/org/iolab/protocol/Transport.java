package org.iolab.protocol;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * The way out for one connection: write bytes, close, pause reading.
 *
 * <p><b>Thread rule.</b> {@link #write}, {@link #close}, {@link #abort}, {@link #isWritable},
 * {@link #bufferedBytes} and the address accessors are safe from any thread (a chat room writes
 * to other members' transports). {@link #pauseReading} and {@link #resumeReading} are meant for
 * the connection's own callbacks but are safe elsewhere too.
 *
 * <p><b>Ordering and loss.</b> Bytes written are sent in the order of the {@code write} calls
 * as they happen-before one another, never lost or reordered by partial writes. Writes after
 * {@code close} or {@code abort} are discarded.
 *
 * <p><b>Backpressure.</b> Output that the kernel cannot take at once is queued. When the queue
 * exceeds the high-water mark (default 64 KiB) the transport is not writable and the engine
 * stops reading from this connection; below the low-water mark (default 32 KiB) both resume.
 * {@code write} never blocks and never refuses: an application that keeps writing to a peer
 * that does not read must slow down (watch {@link #isWritable}) or give up on it
 * ({@link #dropAsSlowConsumer}), as the chat room does.
 */
public interface Transport {

    /**
     * Sends the buffer's remaining bytes, consuming them (position moves to limit). What cannot
     * be sent at once is copied, so the caller may reuse the buffer as soon as this returns.
     */
    void write(ByteBuffer data);

    /** Flushes pending output, then closes. Idempotent. */
    void close();

    /**
     * Closes so that the peer reads every byte even while it is still sending, as nginx's
     * lingering close does: flushes pending output, shuts the write side (the peer sees the end),
     * then reads and drops what the peer still sends until it closes, for at most
     * {@value #LINGER_SECONDS} s, then closes. A plain {@link #close} with unread input would
     * reset the connection, and the reset can destroy the answer in flight (an HTTP server's 413
     * to a client still uploading). {@code dataReceived} is not called again. Idempotent.
     */
    default void closeLingering() {
        close();
    }

    /** How long {@link #closeLingering} reads on, at most. */
    int LINGER_SECONDS = 5;

    /** Closes at once with a reset (SO_LINGER 0), discarding pending output. Idempotent. */
    void abort();

    /**
     * Closes at once with a reset, discarding pending output, because the peer does not read
     * what it is sent (a chat member that stalls the room); counted as a slow-consumer drop.
     */
    default void dropAsSlowConsumer() {
        abort();
    }

    /** Stops delivering {@code dataReceived} until {@link #resumeReading}. */
    void pauseReading();

    /**
     * Undoes {@link #pauseReading}. Reading resumes after this call returns: no
     * {@code dataReceived} runs within it, so it may be called under an application's lock or
     * from another connection's callback.
     */
    void resumeReading();

    /**
     * For an application that marks its own requests ({@code Application.Tcp.requests}): whether
     * a request has begun and is not yet complete. The request deadline runs from the moment it
     * becomes pending; other applications need not call it. Cheap: a field write.
     */
    default void requestPending(boolean pending) {
    }

    /**
     * Runs {@code task} on this connection's callback thread, after the callback running now (if
     * any), in the order of the calls: the way back onto the connection for work done elsewhere
     * (an answer made on another thread, the result of a blocking job). The task runs as a
     * callback does, one at a time with the others; one that throws ends the connection with a
     * reset, as a failing callback does. After the connection has ended tasks still run (their
     * writes go nowhere), so that none is lost silently. Any thread.
     */
    void execute(Runnable task);

    /**
     * Runs {@code task} off this connection's thread, on the server's worker pool, then
     * {@code then} on this connection's thread with its result, or with what it threw: the way to
     * do blocking or long work (a database call, a file, a heavy computation) without stalling the
     * event loop that serves this connection and many others. Twisted's {@code deferToThread},
     * Vert.x's {@code executeBlocking}, {@code CompletableFuture.supplyAsync(...).whenComplete(...)}
     * with the connection's order kept.
     *
     * <pre>{@code
     * public void dataReceived(ByteBuffer data) {
     *     String query = decode(data);
     *     transport.executeBlocking(() -> database.lookup(query),      // a worker thread
     *             (answer, failure) -> transport.write(encode(answer, failure))); // this connection's thread
     * }
     * }</pre>
     *
     * <ul>
     * <li><b>Order.</b> The {@code then}s of one connection run in the order of the calls, each
     * once, whatever order the tasks finish in; tasks themselves run in parallel.
     * <li><b>Thread rule.</b> {@code task} on a worker thread (a virtual thread unless the
     * server's {@link org.iolab.server.Workers} say): it must not touch the connection's state but
     * through this transport's thread-safe calls. {@code then} runs as a callback does, one at a
     * time with the connection's others, after the connection's end too (its writes then go
     * nowhere).
     * <li><b>Backpressure.</b> While more than {@code Workers.perConnection} (16) of this
     * connection's tasks are unfinished, it is not read.
     * <li><b>Full.</b> When the pool has {@code maxRunning} tasks running and {@code maxWaiting}
     * waiting, or the server is stopping, {@code task} is refused: it never runs, and
     * {@code then} gets a {@link java.util.concurrent.RejectedExecutionException} in its turn.
     * <li><b>Failure.</b> What {@code task} throws goes to {@code then}; a {@code then} that
     * throws ends the connection with a reset, as a failing callback does.
     * </ul>
     * Any thread.
     */
    <T> void executeBlocking(java.util.concurrent.Callable<? extends T> task,
                             java.util.function.BiConsumer<? super T, ? super Throwable> then);

    /** {@code false} while pending output is above the high-water mark. */
    boolean isWritable();

    /** Bytes accepted by {@link #write} and not yet handed to the kernel. */
    long bufferedBytes();

    /**
     * How long pending output has waited without the kernel taking any of it: zero when nothing
     * is pending. A peer that reads, however slowly, keeps this short; one that stopped reading
     * lets it grow.
     */
    default java.time.Duration outputStalledFor() {
        return java.time.Duration.ZERO;
    }

    /** The open state: {@code false} once close or abort has started. */
    boolean isOpen();

    SocketAddress remoteAddress();

    SocketAddress localAddress();
}
