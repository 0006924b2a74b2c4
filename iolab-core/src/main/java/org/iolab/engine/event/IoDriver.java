package org.iolab.engine.event;

/**
 * One readiness or completion mechanism under an {@link EventLoop}, as Netty 4.2 puts an
 * {@code IoHandler} under its one loop: the loop owns the thread, the tasks, the timers and the
 * wake-up flag; the driver waits for IO and dispatches it, and owns what its mechanism needs
 * (a {@code Multiplexer} and its buffers, a JDK {@code Selector}, the busy loop's list, an
 * io_uring ring). The loop calls it in this order, on its thread: {@link #started}, then
 * {@link #waitForIo} once a turn, then {@link #prepareToClose}, the loop's last tasks, and
 * {@link #close}.
 *
 * <p><b>Thread rule.</b> {@link #wakeup} from any thread; everything else on the loop's thread.
 */
public interface IoDriver {

    /** The loop is running: make what must be made by its thread (an io_uring has a single issuer). A failure ends the loop. */
    default void started() throws Exception {
    }

    /**
     * Waits for IO for up to {@code timeoutMillis} (-1: until woken, 0: do not wait) and
     * dispatches whatever became ready or completed.
     */
    void waitForIo(long timeoutMillis) throws Exception;

    /** Makes a current or next {@link #waitForIo} return promptly. Any thread. */
    void wakeup();

    /** The loop is ending: abort the connections the driver holds (their closes may queue tasks, which run next). */
    void prepareToClose();

    /** Releases the driver's resources, last. */
    void close();
}
