package org.iolab.engine.support;

import java.time.Duration;
import java.util.stream.Stream;
import org.iolab.server.ServerConfig;

/**
 * One thread per server that moves the {@link Clock} and, every quarter of the shortest timeout
 * (between 10 ms and 1 s), asks each open connection whether a deadline has passed; the
 * connection then acts on its own serialized thread. O(connections) per tick, nothing per message.
 *
 * <p>Thread rule: started and stopped by the server; its thread only reads the connections.
 */
public final class TimeoutSweeper {

    private static final System.Logger LOG = System.getLogger(TimeoutSweeper.class.getName());

    private final ConnectionSet connections;
    private final long tickMillis;
    private final Thread thread;
    private volatile boolean stopped;

    private TimeoutSweeper(ConnectionSet connections, long tickMillis) {
        this.connections = connections;
        this.tickMillis = tickMillis;
        // the clock is shared by every server of the process and moves only while a sweeper runs:
        // stale since an earlier server stopped, it would stamp this server's first input in the
        // past, and a deadline would fire early (before this thread's first tick): fresh now
        Clock.tick();
        this.thread = Thread.ofPlatform().name("iolab-timeouts").daemon(true).start(this::run);
    }

    /**
     * How stale a stamp may be: the {@link Clock} moves once a tick, so a deadline counted from
     * a stamp must wait one tick more to never fire early.
     */
    long tickNanos() {
        return tickMillis * 1_000_000L;
    }

    /** A started sweeper, or {@code null} when every timeout is off. */
    static TimeoutSweeper startIfNeeded(ServerConfig config, ConnectionSet connections) {
        if (!config.anyTimeout()) {
            return null;
        }
        long shortest = Stream.of(config.lineTimeout(), config.idleTimeout(), config.writeStallTimeout())
                .filter(d -> !d.isZero()).mapToLong(Duration::toMillis).min().orElse(1000);
        return new TimeoutSweeper(connections, Math.clamp(shortest / 4, 10, 1000));
    }

    /** A tick after each sleep (the constructor made the first). */
    private void run() {
        while (!stopped) {
            if (!Threads.sleep(tickMillis)) {
                return;
            }
            try {
                long now = Clock.tick();
                connections.forEach(m -> m.checkTimeouts(now));
            } catch (Throwable t) {
                SafeLog.log(LOG, System.Logger.Level.ERROR, "timeouts", () -> "timeout sweep failed; continuing: " + t, t);
            }
        }
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }
}
