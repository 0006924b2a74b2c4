package org.iolab.tls;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The JDK provider's working buffers, heap arrays needed only during one call, so a connection
 * owns none of them ({@link ScratchBuffers}: one of each {@link Kind} per event loop's thread,
 * a small pool for virtual threads, which would otherwise hold 208 KiB each).
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

    private static final ScratchBuffers<ByteBuffer> BUFFERS = new ScratchBuffers<>(
            Arrays.stream(Kind.values()).mapToInt(k -> k.size).toArray(), ByteBuffer::allocate, ByteBuffer::clear);

    private Scratch() {
    }

    /** A cleared buffer of {@code kind}'s size. */
    static ByteBuffer take(Kind kind) {
        return BUFFERS.take(kind.ordinal());
    }

    /** Gives back what {@link #take} gave. */
    static void give(ByteBuffer b, Kind kind) {
        BUFFERS.give(b, kind.ordinal());
    }
}
