package org.iolab.bench.measure;

import java.io.IOException;
import java.time.Duration;
import org.iolab.bench.load.H2load;

/**
 * One h2load run against one server, measured as {@link Bench} measures its own load: a warm-up
 * run first (the server's JIT, Netty's HTTP/2 codec above all, wants seconds), then the measured
 * run, whose window is h2load's own after a short warm-up of its connections; the server's CPU
 * (from {@code /proc}) and its system calls ({@code perf stat}) are counted over the same
 * window, threads and resident memory read at its end. h2load reports a mean time per request,
 * no percentiles: the rows carry no latency.
 *
 * <p>Thread rule: one run at a time per instance.
 */
public final class H2loadBench {

    /** The measured run's own warm-up: its connections made and streaming before the window opens. */
    static final Duration SETTLE = Duration.ofMillis(500);

    /**
     * How long past its window a measured run may take before it is killed and its row is not
     * measured: h2load 1.52 against Netty's HTTP/2 over TLS was seen, about one run in thirty,
     * never to end, both at full CPU after "Stopped all clients".
     */
    static final Duration MEASURED_GRACE = Duration.ofSeconds(20);

    /** How long past its end a warm-up run may take before it is killed and the measure goes on. */
    static final Duration WARM_GRACE = Duration.ofSeconds(10);

    /**
     * Runs {@code load} (its warm-up the lab's, its duration the window) against {@code server}.
     *
     * @param shape the row's shape: connections, and streams (or pipelined requests) as its idle
     *     field would be misread, so the payload only
     * @param jitSettle how much longer to wait at most for the server's JIT after the warm-up
     */
    public BenchResult measure(String scenario, String label, ServerUnderTest server, H2load.Spec load,
                               BenchResult.Shape shape, Duration jitSettle) throws IOException, InterruptedException {
        H2load.Spec warm = new H2load.Spec(load.server(), load.tls(), load.h1(), load.conns(), load.streams(),
                Duration.ofMillis(100), load.warmup(), load.cpu());
        String note = "";
        try {
            H2load.start(warm).await(warm, WARM_GRACE);
        } catch (IOException hung) {
            // the warm-up only warms: a cold server's slow handshakes can leave h2load hung at its end
            note = "the warm-up's h2load " + hung.getMessage().replace("h2load ", "") + " (killed)";
        }
        if (!Bench.awaitJit(server, jitSettle)) {
            note = join(note, "the server's JIT was still compiling after the warm-up");
        }
        H2load.Spec measured = new H2load.Spec(load.server(), load.tls(), load.h1(), load.conns(), load.streams(),
                SETTLE, load.duration(), load.cpu());
        PerfCounting.Counting perf = null;
        String perfFailed = "";
        try {
            perf = server.pids().isEmpty() ? null : PerfCounting.attach(server.pids());
        } catch (IOException e) {
            perfFailed = "perf stat could not start: " + e.getMessage();
        }
        H2load.Running run = H2load.start(measured);
        Thread.sleep(SETTLE.toMillis());
        ProcStats.Sample start = server.sample();
        long began = System.nanoTime();
        if (perf != null) {
            perf.enable();
        }
        H2load.Result r;
        ProcStats.Sample end;
        double wall;
        double clientCpuPercent = 0;
        try {
            long pid = run.process().pid();
            ProcStats.Sample clientFirst = ProcStats.read(pid);
            long firstAt = System.nanoTime();
            ProcStats.Sample clientLast = clientFirst;
            long lastAt = firstAt;
            long deadline = firstAt + measured.duration().plus(MEASURED_GRACE).toNanos();
            while (!run.process().waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                try {
                    clientLast = ProcStats.read(pid);
                    lastAt = System.nanoTime();
                } catch (IOException ended) {
                    break; // h2load is ending
                }
            }
            if (lastAt > firstAt) {
                clientCpuPercent = (clientLast.cpuNanos() - clientFirst.cpuNanos()) * 100.0 / (lastAt - firstAt);
            }
            r = run.await(measured, MEASURED_GRACE);
        } finally {
            end = server.sample();
            wall = (System.nanoTime() - began) / 1e9;
            if (perf != null) {
                perf.disable();
            }
        }
        PerfStat.Counts counted = null;
        if (perf != null) {
            try (PerfCounting.Counting p = perf) {
                counted = p.finish();
            } catch (IOException e) {
                perfFailed = "perf stat failed: " + e.getMessage();
            }
        }
        // the CPU window and h2load's differ by its start and teardown (tens of ms): CPU is set
        // against the requests h2load's rate says fell in the CPU window
        long requests = r.succeeded();
        double inWindow = r.requestsPerSecond() * wall;
        double cpuMillis = start == null || end == null ? 0 : (end.cpuNanos() - start.cpuNanos()) / 1e6;
        if (r.failed() > 0 || r.errored() > 0) {
            note = join(note, r.failed() + " requests failed, " + r.errored() + " errored: " + H2load.why(r));
        }
        if (r.not2xx() > 0) {
            note = join(note, r.not2xx() + " answers were not 2xx");
        }
        if (start == null) {
            note = join(note, server.whyNotMeasured());
        }
        double seconds = load.duration().toMillis() / 1000.0;
        return new BenchResult(scenario, label, server.engine(), shape,
                new BenchResult.Throughput(seconds, requests, r.requestsPerSecond(),
                        requests * (double) shape.size() / seconds / 1e6, clientCpuPercent),
                null,
                start == null ? null : new BenchResult.ServerCost(cpuMillis,
                        inWindow > 0 ? cpuMillis * 1000 / inWindow : null, cpuMillis / 10 / wall, end.threads(),
                        end.rssBytes() / 1048576.0),
                new BenchResult.Checks(r.not2xx(), r.failed() + r.errored(), 0), note,
                Bench.kernel(counted, perfFailed, Math.round(inWindow)));
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }
}
