package org.iolab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * io_uring's three system calls, which libc does not wrap (made through {@code syscall(2)}), and
 * the structure {@code io_uring_setup} fills in. The submission and completion entries and the
 * provided-buffer rings have files of their own ({@link IoUringSqe}, {@link IoUringCqe},
 * {@link IoUringBufRing}).
 *
 * <pre>{@code
 * int io_uring_setup(u32 entries, struct io_uring_params *p);
 * int io_uring_enter(unsigned int fd, u32 to_submit, u32 min_complete, u32 flags, const void *arg, size_t argsz);
 * int io_uring_register(unsigned int fd, unsigned int opcode, void *arg, unsigned int nr_args);
 *
 * struct io_uring_params {                 // 120 bytes
 *     __u32 sq_entries, cq_entries, flags, sq_thread_cpu, sq_thread_idle, features, wq_fd, resv[3];
 *     struct io_sqring_offsets sq_off;     // at 40
 *     struct io_cqring_offsets cq_off;     // at 80
 * };
 * struct io_sqring_offsets { __u32 head, tail, ring_mask, ring_entries, flags, dropped, array, resv1; __u64 user_addr; };
 * struct io_cqring_offsets { __u32 head, tail, ring_mask, ring_entries, overflow, cqes, flags, resv1; __u64 user_addr; };
 * struct io_uring_getevents_arg { __u64 sigmask; __u32 sigmask_sz; __u32 pad; __u64 ts; };   // 24 bytes
 * struct __kernel_timespec { __s64 tv_sec; long long tv_nsec; };
 * struct io_uring_probe { __u8 last_op; __u8 ops_len; __u16 resv; __u32 resv2[3]; struct io_uring_probe_op ops[]; };
 * struct io_uring_probe_op { __u8 op; __u8 resv; __u16 flags; __u32 resv2; };    // flags: IO_URING_OP_SUPPORTED
 * struct io_uring_rsrc_update { __u32 offset; __u32 resv; __aligned_u64 data; };  // 16 bytes: IORING_REGISTER_RING_FDS
 * }</pre>
 *
 * <p>Wrappers return the result or {@code -errno}, as everywhere in this package. System call
 * numbers are the generic ones (425 to 427), the same on x86-64 and aarch64.
 *
 * <p>Thread rule: stateless; each caller passes its own call state.
 */
public final class IoUring {

    public static final long SYS_IO_URING_SETUP = 425;
    public static final long SYS_IO_URING_ENTER = 426;
    public static final long SYS_IO_URING_REGISTER = 427;

    // io_uring_setup flags
    public static final int SETUP_SUBMIT_ALL = 1 << 7;
    public static final int SETUP_COOP_TASKRUN = 1 << 8;
    public static final int SETUP_SINGLE_ISSUER = 1 << 12;
    public static final int SETUP_DEFER_TASKRUN = 1 << 13;
    public static final int SETUP_CQSIZE = 1 << 3;

    // io_uring_params.features
    public static final int FEAT_SINGLE_MMAP = 1;
    public static final int FEAT_NODROP = 1 << 1;
    public static final int FEAT_EXT_ARG = 1 << 8;

    // io_uring_enter flags
    public static final int ENTER_GETEVENTS = 1;
    public static final int ENTER_EXT_ARG = 1 << 3;
    /** The fd given to io_uring_enter is an index among this thread's registered rings (5.18+). */
    public static final int ENTER_REGISTERED_RING = 1 << 4;

    // io_uring_register opcodes
    public static final int REGISTER_PROBE = 8;
    public static final int REGISTER_RING_FDS = 20;
    public static final int UNREGISTER_RING_FDS = 21;
    public static final int REGISTER_PBUF_RING = 22;
    public static final int UNREGISTER_PBUF_RING = 23;

    // mmap offsets of the rings
    public static final long OFF_SQ_RING = 0L;
    public static final long OFF_SQES = 0x10000000L;

    /** {@code IO_URING_OP_SUPPORTED} in {@code io_uring_probe_op.flags}. */
    public static final int OP_SUPPORTED = 1;

    /** {@code struct io_uring_params}. */
    public static final StructLayout PARAMS = MemoryLayout.structLayout(
            JAVA_INT.withName("sq_entries"), JAVA_INT.withName("cq_entries"), JAVA_INT.withName("flags"),
            JAVA_INT.withName("sq_thread_cpu"), JAVA_INT.withName("sq_thread_idle"), JAVA_INT.withName("features"),
            JAVA_INT.withName("wq_fd"), MemoryLayout.sequenceLayout(3, JAVA_INT).withName("resv"),
            MemoryLayout.sequenceLayout(10, JAVA_INT).withName("sq_off"),
            MemoryLayout.sequenceLayout(10, JAVA_INT).withName("cq_off"));

    // offsets in io_uring_params
    public static final long P_SQ_ENTRIES = 0;
    public static final long P_CQ_ENTRIES = 4;
    public static final long P_FLAGS = 8;
    public static final long P_FEATURES = 20;
    /** io_sqring_offsets: head, tail, ring_mask, ring_entries, flags, dropped, array (at 40 + 4 * i). */
    public static final long P_SQ_OFF = 40;
    /** io_cqring_offsets: head, tail, ring_mask, ring_entries, overflow, cqes, flags (at 80 + 4 * i). */
    public static final long P_CQ_OFF = 80;

    /** {@code struct io_uring_getevents_arg}. */
    public static final StructLayout GETEVENTS_ARG = MemoryLayout.structLayout(
            JAVA_LONG.withName("sigmask"), JAVA_INT.withName("sigmask_sz"), JAVA_INT.withName("pad"),
            JAVA_LONG.withName("ts"));
    /**
     * {@code struct io_uring_rsrc_update}, one ring to register: {@code offset} the slot
     * ({@code -1}: any free one, which the kernel writes back), {@code data} the ring's fd.
     */
    public static final StructLayout RSRC_UPDATE = MemoryLayout.structLayout(
            JAVA_INT.withName("offset"), JAVA_INT.withName("resv"), JAVA_LONG.withName("data"));
    /** {@code struct __kernel_timespec}. */
    public static final StructLayout TIMESPEC = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_nsec"));
    /** Bytes of a probe for {@code n} operations. */
    public static long probeBytes(int n) {
        return 16 + 8L * n;
    }

    private static final MethodHandle SETUP = Libc.syscall(JAVA_INT, ADDRESS);
    private static final MethodHandle ENTER = Libc.syscall(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle REGISTER = Libc.syscall(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);

    private IoUring() {
    }

    /** Sets up a ring of {@code entries} submission entries; {@code params} in and out. The ring's fd, or -errno. */
    public static int setup(MemorySegment st, int entries, MemorySegment params) {
        try {
            return (int) Libc.result((long) SETUP.invokeExact(st, SYS_IO_URING_SETUP, entries, params), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /**
     * Submits {@code toSubmit} entries and, with {@link #ENTER_GETEVENTS}, waits for
     * {@code minComplete} completions; {@code arg} is an {@link #GETEVENTS_ARG} with
     * {@link #ENTER_EXT_ARG} (its timeout), else NULL. The number submitted, or -errno.
     */
    public static int enter(MemorySegment st, int fd, int toSubmit, int minComplete, int flags, MemorySegment arg,
                            long argSize) {
        try {
            return (int) Libc.result((long) ENTER.invokeExact(st, SYS_IO_URING_ENTER, fd, toSubmit, minComplete, flags,
                    arg, argSize), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /** io_uring_register: 0 (or a count), or -errno. */
    public static int register(MemorySegment st, int fd, int opcode, MemorySegment arg, int nrArgs) {
        try {
            return (int) Libc.result((long) REGISTER.invokeExact(st, SYS_IO_URING_REGISTER, fd, opcode, arg, nrArgs), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }
}
