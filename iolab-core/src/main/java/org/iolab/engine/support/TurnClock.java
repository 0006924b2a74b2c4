package org.iolab.engine.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * When the current turn of one engine thread began: an event loop's turn (what it does between
 * two waits for IO), or one completion handler on nio2's threads. The thread writes it with
 * opaque stores, no fence on its hot path; the {@link LoopWatchdog} reads it from its own.
 *
 * <p>Thread rule: {@link #begin} and {@link #end} on the clocked thread only; {@link #started}
 * and {@link #thread} from any thread.
 */
public final class TurnClock {

    private static final VarHandle STARTED;

    static {
        try {
            STARTED = MethodHandles.lookup().findVarHandle(TurnClock.class, "started", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through STARTED
    private long started;
    private volatile Thread thread;

    /** A turn begins now, unless one has begun. */
    public void begin() {
        if ((long) STARTED.getOpaque(this) == 0L) {
            STARTED.setOpaque(this, System.nanoTime());
        }
    }

    /** The turn is over: the thread waits for work. */
    public void end() {
        STARTED.setOpaque(this, 0L);
    }

    /** When the current turn began ({@code System.nanoTime}), 0 between turns. */
    public long started() {
        return (long) STARTED.getOpaque(this);
    }

    /** The thread it clocks, once known. */
    public Thread thread() {
        return thread;
    }

    /** The clocked thread is the caller from now on. */
    public void bind() {
        thread = Thread.currentThread();
    }

    /**
     * A platform thread that carries its clock, for engines whose handlers run on threads they
     * do not otherwise know (nio2's group): {@code Thread.currentThread()} finds it, no lookup.
     */
    public static final class Carrier extends Thread {
        private final TurnClock clock;

        public Carrier(Runnable task, String name, TurnClock clock) {
            super(null, task, name);
            setDaemon(true);
            this.clock = clock;
            clock.thread = this;
        }

        /** The calling thread's clock, or {@code null} when it is not a carrier. */
        public static TurnClock current() {
            return Thread.currentThread() instanceof Carrier c ? c.clock : null;
        }
    }
}
