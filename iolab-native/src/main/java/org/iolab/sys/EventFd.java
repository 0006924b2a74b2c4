package org.iolab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code eventfd(2)}: a counter descriptor that pollers watch for reading, so another thread can
 * wake a blocked {@code select}, {@code poll} or {@code epoll_wait} by writing to it.
 *
 * <p>Thread rule: {@link #signal} from any thread (with that thread's call state);
 * {@link #drain} by the polling thread.
 */
public final class EventFd {

    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;

    private static final MethodHandle EVENTFD = Libc.downcall("eventfd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = Libc.downcall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = Libc.downcall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    private EventFd() {
    }

    /** A non-blocking, close-on-exec eventfd, or {@code -errno}. */
    public static int create(MemorySegment st) {
        try {
            return Libc.result((int) EVENTFD.invokeExact(st, 0, EFD_NONBLOCK | EFD_CLOEXEC), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /** Adds one to the counter (makes the fd readable). {@code eight} is an 8-byte scratch. */
    public static long signal(MemorySegment st, int fd, MemorySegment eight) {
        eight.set(JAVA_LONG, 0, 1L);
        try {
            return Libc.result((long) WRITE.invokeExact(st, fd, eight, 8L), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /** Resets the counter (the fd is no longer readable). */
    public static long drain(MemorySegment st, int fd, MemorySegment eight) {
        try {
            return Libc.result((long) READ.invokeExact(st, fd, eight, 8L), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }
}
