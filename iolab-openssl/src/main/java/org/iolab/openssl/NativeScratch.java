package org.iolab.openssl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The native working memory of one call into OpenSSL, so that a connection owns none: records
 * drained from the write BIO ({@link Kind#RECORDS}), plaintext from {@code SSL_read}
 * ({@link Kind#PLAIN}), heap bytes copied in for {@code BIO_write} and {@code SSL_write}
 * ({@link Kind#INBOUND}), out-parameters ({@link Kind#OUT}). Each kind is taken only while it is
 * used, so a send from inside a plaintext callback (an echo) finds its kinds free. An event
 * loop's thread keeps one of each for all its connections (no allocation per record); virtual
 * threads, of which there may be one per connection, borrow from a small pool. The memory is
 * freed by the GC with its buffer ({@link Arena#ofAuto}).
 *
 * <p>Thread rule: {@link #take} and {@link #give} on the same thread; a kind taken twice on one
 * thread (a callback nested in a write) gets a fresh buffer the second time.
 */
final class NativeScratch {

    /** What a buffer is for, and its size. */
    enum Kind {
        /** Records drained at once: four full TLS records with their overhead. */
        RECORDS(80 * 1024),
        /** Plaintext per {@code SSL_read}: one record's worth. */
        PLAIN(16 * 1024),
        /** Heap bytes copied in per {@code BIO_write} or {@code SSL_write}. */
        INBOUND(64 * 1024),
        /** Two pointer-sized out-parameters ({@code const unsigned char **}, {@code unsigned int *}). */
        OUT(16);

        final int size;

        Kind(int size) {
            this.size = size;
        }
    }

    /** A native buffer and its {@link ByteBuffer} view, made once. */
    static final class Buf {
        final MemorySegment segment;
        final ByteBuffer view;

        private Buf(int size) {
            segment = Arena.ofAuto().allocate(size, 64);
            view = segment.asByteBuffer();
        }
    }

    private static final int POOLED = 32;
    private static final Kind[] KINDS = Kind.values();
    private static final ThreadLocal<NativeScratch> PER_THREAD = ThreadLocal.withInitial(NativeScratch::new);
    @SuppressWarnings("unchecked")
    private static final AtomicReferenceArray<Buf>[] POOLS = new AtomicReferenceArray[KINDS.length];

    static {
        for (Kind k : KINDS) {
            POOLS[k.ordinal()] = new AtomicReferenceArray<>(POOLED);
        }
    }

    private final Buf[] buffers = new Buf[KINDS.length];
    private final boolean[] taken = new boolean[KINDS.length];

    private NativeScratch() {
    }

    /** A buffer of {@code kind}'s size, its view cleared. */
    static Buf take(Kind kind) {
        int i = kind.ordinal();
        if (Thread.currentThread().isVirtual()) {
            AtomicReferenceArray<Buf> pool = POOLS[i];
            for (int j = 0; j < POOLED; j++) {
                Buf b = pool.get(j);
                if (b != null && pool.compareAndSet(j, b, null)) {
                    b.view.clear();
                    return b;
                }
            }
            return new Buf(kind.size);
        }
        NativeScratch s = PER_THREAD.get();
        if (s.taken[i]) {
            return new Buf(kind.size); // nested: rare
        }
        if (s.buffers[i] == null) {
            s.buffers[i] = new Buf(kind.size);
        }
        s.taken[i] = true;
        s.buffers[i].view.clear();
        return s.buffers[i];
    }

    /** Gives back what {@link #take} gave. */
    static void give(Buf b, Kind kind) {
        int i = kind.ordinal();
        if (Thread.currentThread().isVirtual()) {
            AtomicReferenceArray<Buf> pool = POOLS[i];
            for (int j = 0; j < POOLED; j++) {
                if (pool.get(j) == null && pool.compareAndSet(j, null, b)) {
                    return;
                }
            }
            return;
        }
        NativeScratch s = PER_THREAD.get();
        if (b == s.buffers[i]) {
            s.taken[i] = false;
        }
    }
}
