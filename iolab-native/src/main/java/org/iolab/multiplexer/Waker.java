package org.iolab.multiplexer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.iolab.sys.EventFd;
import org.iolab.sys.Libc;
import org.iolab.sys.SyscallException;

/**
 * The eventfd a poller watches so that other threads can wake it. Each waking thread uses a
 * call state and scratch of its own (thread-local), so {@link #wake} is safe from any thread.
 */
final class Waker implements AutoCloseable {

    private static final ThreadLocal<MemorySegment[]> SCRATCH = ThreadLocal.withInitial(() -> {
        Arena auto = Arena.ofAuto();
        return new MemorySegment[] {Libc.newCallState(auto), auto.allocate(8)};
    });

    final int fd;
    private final MemorySegment state;
    private final MemorySegment eight;

    Waker(Arena arena) throws SyscallException {
        this.state = Libc.newCallState(arena);
        this.eight = arena.allocate(8);
        this.fd = (int) Libc.check("eventfd", EventFd.create(state));
    }

    /** Any thread. */
    void wake() {
        MemorySegment[] s = SCRATCH.get();
        EventFd.signal(s[0], fd, s[1]);
    }

    /** The polling thread, after a wake-up was seen. */
    void drain() {
        EventFd.drain(state, fd, eight);
    }

    @Override
    public void close() {
        org.iolab.sys.Sockets.close(state, fd);
    }
}
