package org.iolab.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * Provided-buffer rings ({@code IORING_REGISTER_PBUF_RING}, Linux 5.19+): a ring of buffer
 * descriptors in memory shared with the kernel, from which a receive with
 * {@code IOSQE_BUFFER_SELECT} takes a buffer when data arrives (not when it is submitted), so an
 * idle connection holds no buffer.
 *
 * <pre>{@code
 * struct io_uring_buf {            // 16 bytes
 *     __u64 addr; __u32 len; __u16 bid; __u16 resv;
 * };
 * struct io_uring_buf_ring {       // the ring: entries of io_uring_buf; the tail overlays bufs[0].resv
 *     union { struct { __u64 resv1; __u32 resv2; __u16 resv3; __u16 tail; }; struct io_uring_buf bufs[]; };
 * };
 * struct io_uring_buf_reg {        // 40 bytes, the argument of (UN)REGISTER_PBUF_RING
 *     __u64 ring_addr; __u32 ring_entries; __u16 bgid; __u16 flags; __u64 resv[3];
 * };
 * }</pre>
 *
 * <p>The application adds buffers at the tail and publishes the tail with a release store, so the
 * kernel, which reads the tail with acquire, sees the descriptors written before it.
 *
 * <p>Thread rule: stateless; a ring belongs to the ring's single issuer.
 */
public final class IoUringBufRing {

    /** {@code struct io_uring_buf}. */
    public static final StructLayout BUF = MemoryLayout.structLayout(
            JAVA_LONG.withName("addr"), JAVA_INT.withName("len"), JAVA_SHORT.withName("bid"), JAVA_SHORT.withName("resv"));
    /** {@code struct io_uring_buf_reg}. */
    public static final StructLayout REG = MemoryLayout.structLayout(
            JAVA_LONG.withName("ring_addr"), JAVA_INT.withName("ring_entries"), JAVA_SHORT.withName("bgid"),
            JAVA_SHORT.withName("flags"), MemoryLayout.sequenceLayout(3, JAVA_LONG).withName("resv"));
    /** Where the tail is: {@code bufs[0].resv}. */
    public static final long TAIL_OFFSET = 14;
    /** The ring must be page-aligned. */
    public static final long ALIGNMENT = 4096;

    private static final VarHandle SHORT = JAVA_SHORT.varHandle();

    private IoUringBufRing() {
    }

    /** Registers {@code ring} ({@code entries} descriptors, a power of two) as buffer group {@code group}. */
    public static int register(MemorySegment st, int ringFd, MemorySegment ring, int entries, short group,
                               MemorySegment reg) {
        reg.fill((byte) 0);
        reg.set(JAVA_LONG, 0, ring.address());
        reg.set(JAVA_INT, 8, entries);
        reg.set(JAVA_SHORT, 12, group);
        return IoUring.register(st, ringFd, IoUring.REGISTER_PBUF_RING, reg, 1);
    }

    /** Writes the descriptor at {@code index} (the caller masks it). */
    public static void put(MemorySegment ring, int index, long addr, int len, short bid) {
        long at = (long) index * BUF.byteSize();
        ring.set(JAVA_LONG, at, addr);
        ring.set(JAVA_INT, at + 8, len);
        ring.set(JAVA_SHORT, at + 12, bid);
    }

    /** Publishes {@code tail}: the descriptors before it are the kernel's to take. Release store. */
    public static void publishTail(MemorySegment ring, short tail) {
        SHORT.setRelease(ring, TAIL_OFFSET, tail);
    }
}
