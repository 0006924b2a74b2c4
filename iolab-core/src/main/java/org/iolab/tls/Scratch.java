package org.iolab.tls;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The working buffers of TLS: where records are decrypted into ({@link #PLAIN} bytes) and
 * encrypted into ({@link #RECORDS} bytes) before they are handed on. They are needed only during
 * one call, so a connection owns none of them: an event loop's thread keeps one of each for all its
 * connections (no allocation per record), and virtual threads, of which there may be one per
 * connection, share a small pool instead of holding 144 KiB each.
 *
 * <p>A buffer taken twice on one thread (a chat line decrypted on one connection and written,
 * encrypted, to another, or a callback nested in a write) gets a fresh one the second time.
 *
 * <p>Thread rule: {@link #take} and {@link #give} on the same thread, any thread.
 */
final class Scratch {

    /** Plaintext: a 64 KiB read of records decrypts into less than this. */
    static final int PLAIN = 64 * 1024;
    /** Records: four full TLS records (16 KiB and their overhead each), the most one send gathers. */
    static final int RECORDS = 80 * 1024;

    private static final int POOLED = 32;
    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);
    private static final AtomicReferenceArray<ByteBuffer> PLAIN_POOL = new AtomicReferenceArray<>(POOLED);
    private static final AtomicReferenceArray<ByteBuffer> RECORDS_POOL = new AtomicReferenceArray<>(POOLED);

    private final ByteBuffer plain = ByteBuffer.allocate(PLAIN);
    private final ByteBuffer records = ByteBuffer.allocate(RECORDS);
    private boolean plainTaken;
    private boolean recordsTaken;

    private Scratch() {
    }

    /** A cleared buffer of {@link #PLAIN} bytes ({@code records} false) or {@link #RECORDS} bytes. */
    static ByteBuffer take(boolean records) {
        if (Thread.currentThread().isVirtual()) {
            return fromPool(records ? RECORDS_POOL : PLAIN_POOL, records ? RECORDS : PLAIN);
        }
        Scratch s = PER_THREAD.get();
        if (records ? s.recordsTaken : s.plainTaken) {
            return ByteBuffer.allocate(records ? RECORDS : PLAIN); // nested: rare
        }
        if (records) {
            s.recordsTaken = true;
            return s.records.clear();
        }
        s.plainTaken = true;
        return s.plain.clear();
    }

    /** Gives back what {@link #take} gave. */
    static void give(ByteBuffer b, boolean records) {
        if (Thread.currentThread().isVirtual()) {
            toPool(records ? RECORDS_POOL : PLAIN_POOL, b);
            return;
        }
        Scratch s = PER_THREAD.get();
        if (records && b == s.records) {
            s.recordsTaken = false;
        } else if (!records && b == s.plain) {
            s.plainTaken = false;
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
