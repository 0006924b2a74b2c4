package org.iolab.admin;

import java.lang.management.ManagementFactory;
import org.iolab.engine.support.ProcFiles;
import org.iolab.engine.support.SafeLog;
import org.iolab.engine.support.Threads;
import org.iolab.server.ServerStats;

/**
 * Takes a {@link Sample} of a server once a second, keeps the last five minutes of them, and
 * hands each new one to its listeners (the dashboards' event streams).
 *
 * <p>Thread rule: its own thread samples and publishes; {@link #latest} and the feed are safe
 * from any thread.
 */
final class Sampler {

    private static final System.Logger LOG = System.getLogger(Sampler.class.getName());
    static final int KEEP = 300;

    private final java.util.function.Supplier<ServerStats> stats;
    private final EventFeed<Sample> feed = new EventFeed<>(KEEP);
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private volatile boolean stopped;
    private long lastCpu = os.getProcessCpuTime();
    private long lastNanos = System.nanoTime();

    Sampler(java.util.function.Supplier<ServerStats> stats) {
        this.stats = stats;
        feed.publish(take(null));
        Thread.ofPlatform().daemon(true).name("iolab-admin-sampler").start(this::run);
    }

    private void run() {
        while (!stopped && Threads.sleep(1000)) {
            try {
                feed.publish(take(feed.latest())); // this thread alone publishes
            } catch (RuntimeException e) {
                SafeLog.warn(LOG, "admin-sample", () -> "sampling failed; continuing: " + e);
            }
        }
    }

    private Sample take(Sample previous) {
        ServerStats s = stats.get();
        long now = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        double cpuPercent = previous == null ? 0 : 100.0 * (cpu - lastCpu) / 1e9 / seconds;
        lastCpu = cpu;
        lastNanos = now;
        long timeouts = 0;
        for (ServerStats.Timeout t : ServerStats.Timeout.values()) {
            timeouts += s.timeouts(t);
        }
        return new Sample(System.currentTimeMillis(), s.open(), s.accepted(), s.rejected(), s.failed(), timeouts,
                s.slowConsumerDrops(), s.reads(), s.bytesIn(), s.bytesOut(),
                previous == null ? 0 : (s.reads() - previous.reads()) / seconds,
                previous == null ? 0 : (s.bytesIn() - previous.bytesIn()) / seconds,
                previous == null ? 0 : (s.bytesOut() - previous.bytesOut()) / seconds, cpuPercent, rss(), cpu,
                ManagementFactory.getThreadMXBean().getThreadCount(), s.tlsHandshakes(), s.tlsFailures(),
                s.blockedLoops(), s.workRefused());
    }

    private static long rss() {
        try {
            return ProcFiles.residentBytes("self");
        } catch (java.io.IOException | RuntimeException e) {
            return -1; // not Linux: unknown
        }
    }

    /** The latest second, its CPU time and threads read now (a remote bench reads CPU over its own window). */
    Sample latest() {
        Sample s = feed.latest();
        return new Sample(s.time(), s.open(), s.accepted(), s.rejected(), s.failed(), s.timeouts(), s.drops(), s.reads(),
                s.bytesIn(), s.bytesOut(), s.readsPerSecond(), s.bytesInPerSecond(), s.bytesOutPerSecond(),
                s.cpuPercent(), s.rssBytes(), os.getProcessCpuTime(), ManagementFactory.getThreadMXBean().getThreadCount(),
                s.tlsHandshakes(), s.tlsFailures(), s.blockedLoops(), s.workRefused());
    }

    /** The last five minutes of samples, and each new one as it is taken. */
    EventFeed<Sample> feed() {
        return feed;
    }

    void stop() {
        stopped = true;
    }
}
