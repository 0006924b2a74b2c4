package org.iolab.engine.iouring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;

/**
 * The io_uring loop's send buffers: native memory a connection borrows while a send of it is in
 * flight (the kernel reads it until the completion), and gives back after. A loop keeps those
 * given back for the next borrower: the steady state allocates none.
 *
 * <p>Thread rule: the loop's thread only.
 */
final class SendBuffers {

    /** Bytes of each buffer: what one send submits at most. */
    static final int SIZE = 16 * 1024;

    /** A buffer lent: its memory, and a view of it to copy into without making a segment per copy. */
    record Lent(MemorySegment memory, java.nio.ByteBuffer view) {
    }

    private final ArrayDeque<Lent> free = new ArrayDeque<>();
    private final Arena arena;

    SendBuffers(Arena arena) {
        this.arena = arena;
    }

    /** A buffer of {@link #SIZE} bytes, lent until {@link #giveBack}. */
    Lent borrow() {
        Lent b = free.poll();
        if (b == null) {
            MemorySegment m = arena.allocate(SIZE, 64);
            b = new Lent(m, m.asByteBuffer());
        }
        return b;
    }

    void giveBack(Lent buffer) {
        free.push(buffer);
    }
}
