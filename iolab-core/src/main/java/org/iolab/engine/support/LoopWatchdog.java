package org.iolab.engine.support;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.WeakHashMap;
import org.iolab.server.ServerStats;

/**
 * Names an event loop that is stuck: when one turn of a loop (what it does between two waits
 * for IO: the callbacks of the connections that were ready, its tasks and timers; on nio2, one
 * completion handler) runs longer
 * than the threshold, it logs one warning with the loop's thread, how long, the connection
 * handler it is in and the loop's stack, and counts it ({@code blockedLoops}, in
 * {@code /stats} and {@code /metrics}). A handler that blocks or computes long on a loop
 * stalls every other connection of that loop: the warning says where to look, and
 * {@code Transport.executeBlocking} (or a route declared blocking) is the way out. Vert.x's
 * blocked-thread checker, for iolab's loops.
 *
 * <p>Cheap enough to stay on: the loop writes a time stamp when a turn begins (its wait
 * returned) and a zero before it waits again, with opaque stores ({@link TurnClock}); this
 * daemon thread wakes a few times per threshold and reads them. A turn is counted once however long it lasts;
 * warnings are rate-limited (the first, then at most one a second).
 *
 * <p>Thread rule: its own thread; {@link #stop} from the thread that stops the server.
 */
public final class LoopWatchdog implements Runnable {

    private static final System.Logger LOG = System.getLogger(LoopWatchdog.class.getName());

    private final Collection<TurnClock> clocks;
    private final long thresholdNanos;
    private final ServerStats stats;
    /** Per clock: the start of the turn last counted (one count, one warning per turn). Its thread's. */
    private final Map<TurnClock, Long> counted = new WeakHashMap<>();
    private volatile boolean stopped;
    private Thread thread;

    /**
     * @param clocks the clocks of the threads to watch (a concurrent collection when it grows
     *     while watched, as nio2's threads start)
     */
    public LoopWatchdog(Collection<TurnClock> clocks, Duration threshold, ServerStats stats) {
        this.clocks = clocks;
        this.thresholdNanos = threshold.toNanos();
        this.stats = stats;
    }

    /**
     * A started watchdog over {@code clocks}, or {@code null} when {@code threshold} is zero
     * (off). Its daemon thread is {@code iolab-ENGINE-watchdog}.
     */
    public static LoopWatchdog startIfOn(String engine, Collection<TurnClock> clocks, Duration threshold,
                                         ServerStats stats) {
        if (threshold.isZero()) {
            return null;
        }
        LoopWatchdog w = new LoopWatchdog(clocks, threshold, stats);
        w.thread = Thread.ofPlatform().name("iolab-" + engine + "-watchdog").daemon(true).start(w);
        return w;
    }

    public void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void run() {
        long period = Math.clamp(thresholdNanos / 4, 5_000_000L, 500_000_000L);
        while (!stopped) {
            try {
                Thread.sleep(Duration.ofNanos(period));
            } catch (InterruptedException e) {
                return;
            }
            check(System.nanoTime());
        }
    }

    /** Counts and reports each thread whose turn, begun before {@code now - threshold}, goes on. */
    void check(long now) {
        for (TurnClock clock : clocks) {
            long started = clock.started();
            if (started != 0 && now - started >= thresholdNanos && counted.getOrDefault(clock, 0L) != started) {
                counted.put(clock, started);
                if (stats != null) {
                    stats.onBlockedLoop();
                }
                report(clock.thread(), Duration.ofNanos(now - started));
            }
        }
    }

    private void report(Thread t, Duration blocked) {
        if (t == null) {
            return;
        }
        StackTraceElement[] stack = t.getStackTrace();
        String where = BlockedStack.describe(stack);
        SafeLog.log(LOG, System.Logger.Level.WARNING, "blocked-loop", () -> "event loop " + t.getName()
                + " has been blocked for " + blocked.toMillis() + " ms (threshold "
                + Duration.ofNanos(thresholdNanos).toMillis() + " ms) " + where
                + "; every other connection of this loop waits. Move blocking or long work off the loop:"
                + " Transport.executeBlocking, or RouteOptions.BLOCKING for an HTTP route", BlockedStack.of(t, stack));
    }
}
