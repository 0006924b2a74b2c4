package org.iolab.engine.support;

/**
 * A coarse monotonic clock for timeouts: the sweepers move it forward on every tick, so a
 * connection stamping its input or output progress on the hot path reads a field instead of
 * calling {@code System.nanoTime}. Stamps are as fresh as the last tick, which is far finer
 * than any timeout.
 *
 * <p>Thread rule: any thread.
 */
public final class Clock {

    private static volatile long now = System.nanoTime();

    private Clock() {
    }

    /** The time of the last tick, in {@code System.nanoTime} units. */
    public static long now() {
        return now;
    }

    /** Moves the clock to the present; returns it. */
    static long tick() {
        long t = System.nanoTime();
        now = t;
        return t;
    }
}
