package org.iolab.uring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.iolab.sys.IoUring;
import org.iolab.sys.IoUringBufRing;
import org.iolab.sys.Mmap;
import org.iolab.sys.SyscallException;

/**
 * A group of equal receive buffers provided to the kernel through a buffer ring: a receive with
 * buffer selection takes one when data arrives, the completion names it, the application reads
 * it and gives it back. Buffers are never freed while the ring exists: a buffer the kernel may
 * write to is either in the ring or handed out by a completion, never both.
 *
 * <p>Thread rule: the ring's single issuer only.
 */
public final class BufferGroup implements AutoCloseable {

    private final Ring ring;
    private final short id;
    private final int count;
    private final int size;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment descriptors;
    private final MemorySegment memory;
    private final ByteBuffer[] views;
    private int tail;
    private int out;

    /**
     * Registers {@code count} buffers (a power of two) of {@code size} bytes as group {@code id}.
     *
     * @throws SyscallException when the kernel has no buffer rings (before 5.19) or refuses
     */
    public BufferGroup(Ring ring, short id, int count, int size) throws SyscallException {
        if (Integer.bitCount(count) != 1 || count > 32768) {
            throw new IllegalArgumentException("buffer count must be a power of two up to 32768, got " + count);
        }
        this.ring = ring;
        this.id = id;
        this.count = count;
        this.size = size;
        descriptors = arena.allocate(IoUringBufRing.BUF.byteSize() * count, IoUringBufRing.ALIGNMENT);
        memory = Mmap.anonymous(arena, (long) size * count); // pages cost memory only once data lands in them
        views = new ByteBuffer[count];
        int r = IoUringBufRing.register(ring.callState(), ring.fd(), descriptors, count, id,
                arena.allocate(IoUringBufRing.REG));
        if (r < 0) {
            arena.close();
            throw new SyscallException("io_uring_register(PBUF_RING)", -r);
        }
        for (int bid = 0; bid < count; bid++) {
            views[bid] = memory.asSlice((long) bid * size, size).asByteBuffer();
            give(bid);
        }
        out = 0;
        IoUringBufRing.publishTail(descriptors, (short) tail);
    }

    public short id() {
        return id;
    }

    /** The bytes a completion put into buffer {@code bid}: a view from 0 to {@code length}. */
    public ByteBuffer received(int bid, int length) {
        out++;
        ByteBuffer b = views[bid];
        b.clear().limit(length);
        return b;
    }

    /** Gives buffer {@code bid} back to the kernel (its bytes may be overwritten from now on). */
    public void recycle(int bid) {
        give(bid);
        out--;
        IoUringBufRing.publishTail(descriptors, (short) tail);
    }

    /** Buffers handed out by completions and not yet given back. */
    public int out() {
        return out;
    }

    private void give(int bid) {
        IoUringBufRing.put(descriptors, tail & (count - 1), memory.address() + (long) bid * size, size, (short) bid);
        tail++;
    }

    /** Unregisters the group and frees its memory. The ring must have no receive left that selects from it. */
    @Override
    public void close() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment reg = a.allocate(IoUringBufRing.REG);
            reg.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 12, id);
            IoUring.register(ring.callState(), ring.fd(), IoUring.UNREGISTER_PBUF_RING, reg, 1);
        }
        arena.close();
    }
}
