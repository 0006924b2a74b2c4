package org.iolab.engine.support;

import java.util.ArrayDeque;
import org.iolab.server.Workers;

/**
 * The running form of a server's {@link Workers}: at most {@code maxRunning} works at once on
 * threads of its factory, at most {@code maxWaiting} more in line (first come, first run), and
 * a work that finds both full refused at once. A thread that finishes a work takes the next in
 * line, so a burst starts no more threads than the bound.
 *
 * <p>Thread rule: any thread; one lock guards the count and the line (held for a few field
 * moves, never while a work runs).
 */
public final class WorkerPool {

    private final Workers config;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;
    private boolean closed;

    public WorkerPool(Workers config) {
        this.config = config;
    }

    /** The bounds it keeps. */
    public Workers config() {
        return config;
    }

    /**
     * Runs {@code work} on a worker, now or once a place frees; {@code false} when refused (both
     * bounds full, or the pool closed), and then it never runs. {@code work} must not throw.
     */
    boolean submit(Runnable work) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (running >= config.maxRunning()) {
                if (waiting.size() >= config.maxWaiting()) {
                    return false;
                }
                waiting.add(work);
                return true;
            }
            running++;
        }
        try {
            config.threads().newThread(() -> runFrom(work)).start();
        } catch (RuntimeException | OutOfMemoryError e) { // no thread to be had
            synchronized (this) {
                running--;
            }
            return false;
        }
        return true;
    }

    private void runFrom(Runnable first) {
        Runnable work = first;
        while (work != null) {
            work.run();
            synchronized (this) {
                work = waiting.poll();
                if (work == null) {
                    running--;
                }
            }
        }
    }

    /** Works running now. */
    public synchronized int running() {
        return running;
    }

    /** Works in line now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /**
     * Refuses new work from now on; what is in line still runs (its connections are closing,
     * and each completion is still told). Works running cannot be stopped: they end by themselves.
     */
    public synchronized void close() {
        closed = true;
    }
}
