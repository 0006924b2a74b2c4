package org.iolab.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_cqe}, the completion queue entry.
 *
 * <pre>{@code
 * struct io_uring_cqe {     // 16 bytes (without IORING_SETUP_CQE32)
 *     __u64 user_data;      // the submission's user_data
 *     __s32 res;            // the result: bytes, a descriptor, or -errno
 *     __u32 flags;          // IORING_CQE_F_*; with F_BUFFER the buffer id is in the upper 16 bits
 * };
 * }</pre>
 *
 * <p>Thread rule: stateless; entries belong to the ring's single issuer.
 */
public final class IoUringCqe {

    public static final long BYTES = 16;

    /** {@code IORING_CQE_F_BUFFER}: a provided buffer was used; its id is {@code flags >>> 16}. */
    public static final int F_BUFFER = 1;
    /** {@code IORING_CQE_F_MORE}: the (multishot) request stays armed and will post more. */
    public static final int F_MORE = 1 << 1;
    /** {@code IORING_CQE_BUFFER_SHIFT}. */
    public static final int BUFFER_SHIFT = 16;

    /** {@code struct io_uring_cqe}. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("user_data"), JAVA_INT.withName("res"), JAVA_INT.withName("flags"));

    private IoUringCqe() {
    }

    public static long userData(MemorySegment cqes, long offset) {
        return cqes.get(JAVA_LONG, offset);
    }

    public static int res(MemorySegment cqes, long offset) {
        return cqes.get(JAVA_INT, offset + 8);
    }

    public static int flags(MemorySegment cqes, long offset) {
        return cqes.get(JAVA_INT, offset + 12);
    }

    /** The buffer id in {@code flags} (meaningful with {@link #F_BUFFER}). */
    public static int bufferId(int flags) {
        return flags >>> BUFFER_SHIFT;
    }
}
