package org.iolab.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The eventfd a waiting loop watches (a multiplexer, or a read kept armed in an io_uring) so that
 * other threads can wake it. Each waking thread uses a
 * call state and scratch of its own (thread-local), so {@link #wake} is safe from any thread.
 */
public final class Waker implements AutoCloseable {

    private static final ThreadLocal<MemorySegment[]> SCRATCH = ThreadLocal.withInitial(() -> {
        Arena auto = Arena.ofAuto();
        return new MemorySegment[] {Libc.newCallState(auto), auto.allocate(8)};
    });

    private final int fd;
    private final MemorySegment state;
    private final MemorySegment eight;

    public Waker(Arena arena) throws SyscallException {
        this.state = Libc.newCallState(arena);
        this.eight = arena.allocate(8);
        this.fd = (int) Libc.check("eventfd", EventFd.create(state));
    }

    public int fd() {
        return fd;
    }

    /** Any thread. */
    public void wake() {
        MemorySegment[] s = SCRATCH.get();
        EventFd.signal(s[0], fd, s[1]);
    }

    /** The polling thread, after a wake-up was seen. */
    public void drain() {
        EventFd.drain(state, fd, eight);
    }

    @Override
    public void close() {
        Sockets.close(state, fd);
    }
}
