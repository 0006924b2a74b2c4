package org.iolab.engine.support;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pending output of one connection: copies of what the kernel could not take at once, in write
 * order, with the high/low water hysteresis that drives backpressure.
 *
 * <p><b>Thread rule.</b> {@link #append} from any thread (appends from several threads are
 * ordered as they happen); {@link #head}, {@link #consumed} and {@link #clear} from the single
 * draining thread only. {@link #bytes} and {@link #isWritable} from anywhere.
 *
 * <p>The chunk is appended before the byte count grows, so a drainer that sees
 * {@code bytes() > 0} is sure to find it; a writer that sees {@code bytes() == 0} may write to
 * the socket directly without overtaking anything written before it.
 *
 * <p>Bytes accepted but not yet in the queue ({@link #hold}: TLS plaintext from another thread,
 * waiting to be encrypted on the connection's own) count in {@link #bytes} and the water marks,
 * not in {@link #isEmpty}, which is about what a drainer can send.
 */
public final class OutputQueue {

    private final ConcurrentLinkedQueue<ByteBuffer> chunks = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final long high;
    private final long low;
    private volatile boolean writable = true;
    /**
     * When the queue last became non-empty or last drained some bytes ({@code System.nanoTime}:
     * exact, since an application decides on it; the queue is off the hot path of the engines
     * that send directly).
     */
    private volatile long progressAt = System.nanoTime();

    public OutputQueue(long high, long low) {
        this.high = high;
        this.low = low;
    }

    /** Copies the remaining bytes of {@code src} (consuming them) to the tail. */
    public void append(ByteBuffer src) {
        int n = src.remaining();
        if (n == 0) {
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(n);
        copy.put(src).flip();
        chunks.add(copy);
        long b = bytes.addAndGet(n);
        if (b == n) {
            progressAt = System.nanoTime(); // it was empty: pending from now
        }
        if (b + held.get() > high) {
            updateWritable();
        }
    }

    /** The oldest chunk, or {@code null}. Drainer only. */
    public ByteBuffer head() {
        return chunks.peek();
    }

    /**
     * Records that {@code n} bytes of the head were sent; drops the head when it is empty.
     * Drainer only.
     */
    public void consumed(int n) {
        ByteBuffer h = chunks.peek();
        if (h != null && !h.hasRemaining()) {
            chunks.poll();
        }
        if (n > 0) {
            progressAt = System.nanoTime();
        }
        if (bytes.addAndGet(-n) + held.get() <= low) {
            updateWritable();
        }
    }

    /** Counts {@code n} bytes that will be queued later (see the class comment). Any thread. */
    public void hold(int n) {
        if (held.addAndGet(n) + bytes.get() > high) {
            updateWritable();
        }
    }

    /** The held bytes are being queued (or dropped) now. Any thread. */
    public void release(int n) {
        if (held.addAndGet(-n) + bytes.get() <= low) {
            updateWritable();
        }
    }

    /**
     * Decides writability from the byte count as it is now. A writer that crossed the high mark
     * and a drainer that emptied the queue race to set the flag; deciding under one lock from
     * the current count means the last decision is always right (setting {@code false} from a
     * stale count once left an empty queue unwritable, and reading paused for good).
     */
    private synchronized void updateWritable() {
        long b = bytes.get() + held.get();
        if (b > high) {
            writable = false;
        } else if (b <= low) {
            writable = true;
        }
    }

    /** Drops everything (the connection is gone). Drainer only. */
    public void clear() {
        chunks.clear();
        bytes.set(0);
        held.set(0);
        updateWritable();
    }

    /** Bytes accepted and not yet sent: queued, and held. */
    public long bytes() {
        return bytes.get() + held.get();
    }

    /** When the queue last became non-empty or last drained some bytes ({@code System.nanoTime}). */
    public long progressAt() {
        return progressAt;
    }

    /** Whether nothing is queued for a drainer (held bytes aside). */
    public boolean isEmpty() {
        return bytes.get() == 0;
    }

    /** {@code false} from crossing the high-water mark until falling back to the low one. */
    public boolean isWritable() {
        return writable;
    }
}
