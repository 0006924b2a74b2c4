package org.iolab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@code epoll(7)}: the kernel keeps the interest list, so a wait costs O(ready), not O(watched).
 *
 * <pre>{@code
 * typedef union epoll_data { void *ptr; int fd; uint32_t u32; uint64_t u64; } epoll_data_t;
 * struct epoll_event {
 *     uint32_t     events;   // EPOLLIN, EPOLLOUT, EPOLLRDHUP, EPOLLET, ...
 *     epoll_data_t data;     // our token
 * } __EPOLL_PACKED;          // x86-64: packed, 12 bytes, data at offset 4; aarch64: 16 bytes, data at 8
 * }</pre>
 *
 * <p>Thread rule: stateless; the event arrays belong to the caller.
 */
public final class Epoll {

    public static final int EPOLLIN = 0x1;
    public static final int EPOLLOUT = 0x4;
    public static final int EPOLLERR = 0x8;
    public static final int EPOLLHUP = 0x10;
    public static final int EPOLLRDHUP = 0x2000;
    public static final int EPOLLET = 1 << 31;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;
    public static final int EPOLL_CLOEXEC = 0x80000;

    /** {@code struct epoll_event} as this platform lays it out. */
    public static final StructLayout EPOLL_EVENT = Libc.isX86()
            ? MemoryLayout.structLayout(JAVA_INT.withName("events"), JAVA_LONG_UNALIGNED.withName("data"))
            : MemoryLayout.structLayout(JAVA_INT.withName("events"), MemoryLayout.paddingLayout(4),
                    JAVA_LONG.withName("data"));
    public static final long EVENT_BYTES = EPOLL_EVENT.byteSize();
    private static final long DATA_OFFSET = Libc.isX86() ? 4 : 8;

    private static final MethodHandle CREATE1 = Libc.downcall("epoll_create1",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle CTL = Libc.downcall("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle WAIT = Libc.downcall("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

    private Epoll() {
    }

    public static int create(MemorySegment st) {
        try {
            return Libc.result((int) CREATE1.invokeExact(st, EPOLL_CLOEXEC), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /** epoll_ctl with one event struct {@code ev} (scratch, filled here). */
    public static int ctl(MemorySegment st, int epfd, int op, int fd, int events, long data, MemorySegment ev) {
        ev.set(JAVA_INT_UNALIGNED, 0, events);
        ev.set(JAVA_LONG_UNALIGNED, DATA_OFFSET, data);
        try {
            return Libc.result((int) CTL.invokeExact(st, epfd, op, fd, ev), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /** Waits up to {@code timeoutMillis} (-1: forever); returns the number of events, or {@code -errno}. */
    public static int waitFor(MemorySegment st, int epfd, MemorySegment events, int max, int timeoutMillis) {
        try {
            return Libc.result((int) WAIT.invokeExact(st, epfd, events, max, timeoutMillis), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    public static int events(MemorySegment events, int i) {
        return events.get(JAVA_INT_UNALIGNED, i * EVENT_BYTES);
    }

    public static long data(MemorySegment events, int i) {
        return events.get(JAVA_LONG_UNALIGNED, i * EVENT_BYTES + DATA_OFFSET);
    }
}
