package org.iolab.tls;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The working buffers of TLS, needed only during one call, so a connection owns none of them:
 * an event loop's thread keeps one of each {@link Kind} for all its connections (no allocation
 * per record), and virtual threads, of which there may be one per connection, share a small pool
 * instead of holding 208 KiB each.
 *
 * <p>A buffer taken twice on one thread (a chat line decrypted on one connection and written,
 * encrypted, to another, or a callback nested in a write) gets a fresh one the second time.
 *
 * <p>Thread rule: {@link #take} and {@link #give} on the same thread, any thread.
 */
final class Scratch {

    /** What a buffer is for, and its size. */
    enum Kind {
        /** Plaintext: a 64 KiB read of records decrypts into less than this. */
        PLAIN(64 * 1024),
        /** Records made: four full TLS records (16 KiB and their overhead each), the most one send gathers. */
        RECORDS(80 * 1024),
        /**
         * Records read, copied off the engine's direct buffer: the JDK's AES-GCM decrypts a heap
         * array faster than native memory (HTTPS pipelined on epoll, 3 rounds alternated: 0.82 to
         * 0.98 of the CPU per request, median 0.97, with a copy per read).
         */
        INBOUND(64 * 1024);

        final int size;

        Kind(int size) {
            this.size = size;
        }
    }

    private static final int POOLED = 32;
    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);
    @SuppressWarnings("unchecked")
    private static final AtomicReferenceArray<ByteBuffer>[] POOLS = new AtomicReferenceArray[Kind.values().length];

    static {
        for (Kind k : Kind.values()) {
            POOLS[k.ordinal()] = new AtomicReferenceArray<>(POOLED);
        }
    }

    private final ByteBuffer[] buffers = new ByteBuffer[Kind.values().length];
    private final boolean[] taken = new boolean[Kind.values().length];

    private Scratch() {
        for (Kind k : Kind.values()) {
            buffers[k.ordinal()] = ByteBuffer.allocate(k.size);
        }
    }

    /** A cleared buffer of {@code kind}'s size. */
    static ByteBuffer take(Kind kind) {
        if (Thread.currentThread().isVirtual()) {
            return fromPool(POOLS[kind.ordinal()], kind.size);
        }
        Scratch s = PER_THREAD.get();
        int i = kind.ordinal();
        if (s.taken[i]) {
            return ByteBuffer.allocate(kind.size); // nested: rare
        }
        s.taken[i] = true;
        return s.buffers[i].clear();
    }

    /** Gives back what {@link #take} gave. */
    static void give(ByteBuffer b, Kind kind) {
        if (Thread.currentThread().isVirtual()) {
            toPool(POOLS[kind.ordinal()], b);
            return;
        }
        Scratch s = PER_THREAD.get();
        if (b == s.buffers[kind.ordinal()]) {
            s.taken[kind.ordinal()] = false;
        }
    }

    private static ByteBuffer fromPool(AtomicReferenceArray<ByteBuffer> pool, int size) {
        for (int i = 0; i < POOLED; i++) {
            ByteBuffer b = pool.get(i);
            if (b != null && pool.compareAndSet(i, b, null)) {
                return b.clear();
            }
        }
        return ByteBuffer.allocate(size);
    }

    private static void toPool(AtomicReferenceArray<ByteBuffer> pool, ByteBuffer b) {
        for (int i = 0; i < POOLED; i++) {
            if (pool.get(i) == null && pool.compareAndSet(i, null, b)) {
                return;
            }
        }
    }
}
