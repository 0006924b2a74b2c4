package org.iolab.multiplexer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.iolab.sys.Errno;
import org.iolab.sys.Libc;
import org.iolab.sys.SyscallException;
import org.iolab.sys.Waker;

/**
 * What the three backends share (as CPython's {@code _PollLikeSelector} does): native memory
 * in one {@link Arena}, an errno call state, the {@link Waker} other threads use, the rule for a
 * wait's result, and the mapping of what the kernel reported to {@link #READ}, {@link #WRITE}
 * and {@link #HUP}. A backend adds its kernel mechanism.
 *
 * <p>Thread rule: as {@link Multiplexer}.
 */
abstract class NativeMultiplexer implements Multiplexer {

    protected final Arena arena = Arena.ofShared();
    protected final MemorySegment state = Libc.newCallState(arena);
    protected final Waker waker;

    protected NativeMultiplexer() throws SyscallException {
        this.waker = new Waker(arena);
    }

    /** Releases the backend's own kernel object (epoll's descriptor); the rest is closed here. */
    protected void closeMechanism() {
    }

    @Override
    public final void wakeup() {
        waker.wake();
    }

    @Override
    public final void close() {
        closeMechanism();
        waker.close();
        arena.close();
    }

    /** The number ready; 0 for an interrupted wait (EINTR); an exception naming the call otherwise. */
    static int ready(String call, int result) throws SyscallException {
        if (result >= 0) {
            return result;
        }
        if (-result == Errno.EINTR) {
            return 0;
        }
        throw new SyscallException(call, -result);
    }

    /**
     * Readiness bits from what the kernel reported: an error or hang-up is reported as ready for
     * both directions (plus {@link #HUP}), so the caller's next operation discovers it.
     */
    static int readiness(boolean in, boolean out, boolean errorOrHangUp) {
        int ready = (in ? READ : 0) | (out ? WRITE : 0);
        return errorOrHangUp ? ready | READ | WRITE | HUP : ready;
    }
}
