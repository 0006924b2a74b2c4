package org.iolab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@code select(2)} and its {@code fd_set} bitmaps. An {@code fd_set} has room for
 * {@link #FD_SETSIZE} descriptors only: a descriptor of 1024 or more cannot be watched at all
 * (writing its bit would corrupt memory), which is select's hard limit.
 *
 * <pre>{@code
 * typedef struct { long int fds_bits[1024 / 64]; } fd_set;   // 128 bytes; bit fd%64 of word fd/64
 * struct timeval { time_t tv_sec; suseconds_t tv_usec; };   // 16 bytes
 * }</pre>
 *
 * <p>Thread rule: stateless; the sets belong to the caller.
 */
public final class Select {

    public static final int FD_SETSIZE = 1024;
    public static final long FD_SET_BYTES = FD_SETSIZE / 8;

    /** {@code struct timeval}. */
    public static final StructLayout TIMEVAL = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_usec"));

    private static final MethodHandle SELECT = Libc.downcall("select",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));

    private Select() {
    }

    /** FD_ZERO. */
    public static void zero(MemorySegment set) {
        set.asSlice(0, FD_SET_BYTES).fill((byte) 0);
    }

    /** FD_SET; {@code fd} must be below {@link #FD_SETSIZE}. */
    public static void set(MemorySegment set, int fd) {
        long off = (long) (fd >>> 6) * 8;
        set.set(JAVA_LONG, off, set.get(JAVA_LONG, off) | (1L << (fd & 63)));
    }

    /** FD_ISSET. */
    public static boolean isSet(MemorySegment set, int fd) {
        return (set.get(JAVA_LONG, (long) (fd >>> 6) * 8) & (1L << (fd & 63))) != 0;
    }

    /**
     * Waits until a descriptor in the sets is ready or the timeout ends; the sets are rewritten
     * to say which are. {@code timeout} is a {@code timeval} or {@code NULL} (wait forever).
     * Returns the number ready, or {@code -errno}.
     */
    public static int select(MemorySegment st, int nfds, MemorySegment read, MemorySegment write,
                             MemorySegment timeout) {
        try {
            return Libc.result((int) SELECT.invokeExact(st, nfds, read, write, MemorySegment.NULL, timeout), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }
}
