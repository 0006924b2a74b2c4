package org.iolab.openssl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.iolab.tls.ScratchBuffers;

/**
 * The native working memory of one call into OpenSSL, so that a connection owns none: records
 * drained from the write BIO ({@link Kind#RECORDS}), plaintext from {@code SSL_read}
 * ({@link Kind#PLAIN}), heap bytes copied in for {@code BIO_write} and {@code SSL_write}
 * ({@link Kind#INBOUND}), out-parameters ({@link Kind#OUT}). Each kind is taken only while it is
 * used, so a send from inside a plaintext callback (an echo) finds its kinds free; lent as the
 * JDK provider's are ({@link ScratchBuffers}: one of each per event loop's thread, a small pool
 * for virtual threads). The memory is freed by the GC with its buffer ({@link Arena#ofAuto}).
 *
 * <p>Thread rule: {@link #take} and {@link #give} on the same thread; a kind taken twice on one
 * thread (a callback nested in a write) gets a fresh buffer the second time.
 */
final class NativeScratch {

    /** What a buffer is for, and its size. */
    enum Kind {
        /** Records drained at once: four full TLS records with their overhead. */
        RECORDS(80 * 1024),
        /** Plaintext gathered from {@code SSL_read}s for one delivery: four full records' worth. */
        PLAIN(64 * 1024),
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

    private static final ScratchBuffers<Buf> BUFFERS = new ScratchBuffers<>(
            Arrays.stream(Kind.values()).mapToInt(k -> k.size).toArray(), Buf::new, b -> {
                b.view.clear();
                return b;
            });

    private NativeScratch() {
    }

    /** A buffer of {@code kind}'s size, its view cleared. */
    static Buf take(Kind kind) {
        return BUFFERS.take(kind.ordinal());
    }

    /** Gives back what {@link #take} gave. */
    static void give(Buf b, Kind kind) {
        BUFFERS.give(b, kind.ordinal());
    }
}
