package org.iolab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@code poll(2)}: no descriptor limit like select's, but the whole array goes to the kernel
 * and back on every call, so its cost still grows with the descriptors watched.
 *
 * <pre>{@code
 * struct pollfd {
 *     int   fd;        // descriptor, or negative to skip
 *     short events;    // requested: POLLIN, POLLOUT
 *     short revents;   // returned: POLLIN, POLLOUT, POLLERR, POLLHUP, POLLRDHUP
 * };                   // 8 bytes
 * }</pre>
 *
 * <p>Thread rule: stateless; the array belongs to the caller.
 */
public final class Poll {

    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;
    public static final short POLLRDHUP = 0x2000;

    /** {@code struct pollfd}. */
    public static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));
    public static final long POLLFD_BYTES = POLLFD.byteSize();

    private static final MethodHandle POLL = Libc.downcall("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    private Poll() {
    }

    public static void set(MemorySegment fds, int index, int fd, short events) {
        long base = index * POLLFD_BYTES;
        fds.set(JAVA_INT, base, fd);
        fds.set(JAVA_SHORT, base + 4, events);
        fds.set(JAVA_SHORT, base + 6, (short) 0);
    }

    public static int fd(MemorySegment fds, int index) {
        return fds.get(JAVA_INT, index * POLLFD_BYTES);
    }

    public static short events(MemorySegment fds, int index) {
        return fds.get(JAVA_SHORT, index * POLLFD_BYTES + 4);
    }

    public static void setEvents(MemorySegment fds, int index, short events) {
        fds.set(JAVA_SHORT, index * POLLFD_BYTES + 4, events);
    }

    public static short revents(MemorySegment fds, int index) {
        return fds.get(JAVA_SHORT, index * POLLFD_BYTES + 6);
    }

    /** Waits up to {@code timeoutMillis} (-1: forever); returns the number ready, or {@code -errno}. */
    public static int poll(MemorySegment st, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return Libc.result((int) POLL.invokeExact(st, fds, count, timeoutMillis), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }
}
