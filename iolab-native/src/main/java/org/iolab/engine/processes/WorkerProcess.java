package org.iolab.engine.processes;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.iolab.server.ServerStats;

/**
 * One worker JVM as its supervisor sees it: the process, its control link once it has said
 * hello, whether it is ready, and its counters on request. A reader thread per worker takes its
 * lines ({@code ready}, {@code failed}, {@code stats}).
 *
 * <p>Thread rule: safe from any thread; {@link #stats} calls are serialized.
 */
final class WorkerProcess {

    private static final long STATS_WAIT_MILLIS = 2000;

    final int number;
    final Process process;
    final long startedNanos = System.nanoTime();
    /** Completes with the worker's pid when it serves; exceptionally when it cannot. */
    final CompletableFuture<Long> ready = new CompletableFuture<>();
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private volatile ControlLink link;
    private volatile Map<String, Long> lastStats = Map.of();
    /** Being stopped on purpose (an idle extra): its exit is not replaced. */
    volatile boolean retiring;

    WorkerProcess(int number, Process process) {
        this.number = number;
        this.process = process;
    }

    /** The worker said hello on {@code link}: reads its lines until it goes away. */
    void attach(ControlLink link) {
        this.link = link;
        Thread.ofPlatform().daemon(true).name("iolab-worker-" + number + "-control").start(() -> {
            try {
                ControlLink.Line line;
                while ((line = link.readLine()) != null) {
                    String text = line.text();
                    if (text.startsWith("ready ")) {
                        ready.complete(Long.parseLong(text.substring("ready ".length()).strip()));
                    } else if (text.startsWith("failed ")) {
                        ready.completeExceptionally(new IOException(text.substring("failed ".length())));
                    } else if (text.startsWith("stats ")) {
                        replies.offer(text.substring("stats ".length()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(e);
            } finally {
                link.close();
            }
        });
    }

    /**
     * Its counters now, or the last it reported when it does not answer within two seconds (or
     * has ended); {@code open} counts only while it runs.
     */
    synchronized Map<String, Long> stats() {
        ControlLink l = link;
        if (l != null && process.isAlive() && ready.isDone() && !ready.isCompletedExceptionally()) {
            try {
                replies.clear();
                l.send("stats");
                String reply = replies.poll(STATS_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (reply != null) {
                    lastStats = ServerStats.parse(reply);
                }
            } catch (IOException e) {
                // gone: its last report stands
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!process.isAlive()) {
            Map<String, Long> closed = new java.util.LinkedHashMap<>(lastStats);
            closed.put("open", 0L);
            return closed;
        }
        return lastStats;
    }

    /** Asks it to stop gracefully within {@code graceMillis}; kills it when it has no link yet. */
    void stop(long graceMillis) {
        ControlLink l = link;
        try {
            if (l == null) {
                process.destroy();
            } else {
                l.send("stop " + graceMillis);
            }
        } catch (IOException e) {
            process.destroy(); // its link is gone: SIGTERM
        }
    }

    @Override
    public String toString() {
        return "worker " + number + " (pid " + process.pid() + ")";
    }
}
