package org.iolab.bench.measure;

import org.iolab.bench.load.Exchange;
import org.iolab.bench.load.Connections;
import org.iolab.bench.load.LabTls;
import org.iolab.bench.load.LatencyModes;
import org.iolab.bench.load.LoadGenerator;
import org.iolab.bench.load.Pinning;
import org.iolab.bench.peers.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Runs one load against one server in its own process and measures both sides: messages,
 * latency percentiles, server CPU per message (from {@code /proc/PID/stat} over the measured
 * window), server threads and resident memory (sampled every 100 ms), client CPU.
 *
 * <p>Thread rule: one run at a time per instance.
 */
public final class Bench {

    /**
     * How to run: connections, idle connections, message size, times, pinning, and what the load
     * speaks ({@code app}: upper or http; {@code depth}: http requests pipelined per exchange;
     * {@code tls}: over TLS, the lab's identity; {@code connections}: kept, or a new one per exchange
     * (over TLS with a full or a resumed handshake);
     * {@code jitSettle}: after the warm-up, how much longer to wait at most for the server's JIT
     * to finish compiling, zero to measure at once).
     */
    public record Spec(int conns, int idle, int size, Duration warmup, Duration duration, boolean pin,
                       int eventLoops, int loadThreads, String app, int depth, boolean tls, Connections connections,
                       Duration jitSettle) {

        /** The upper app's echo. */
        public Spec(int conns, int idle, int size, Duration warmup, Duration duration, boolean pin, int eventLoops,
                    int loadThreads) {
            this(conns, idle, size, warmup, duration, pin, eventLoops, loadThreads, "upper", 1, false, Connections.KEPT, Duration.ZERO);
        }

        /** The exchange the load repeats. */
        Exchange exchange() {
            return Exchange.of(app, size, depth);
        }
    }

    public BenchResult run(String scenario, Target target, Spec spec) throws IOException, InterruptedException {
        try (ServerProcess server = ServerProcess.start(target, spec.eventLoops(), spec.pin())) {
            return measure(scenario, target, server, spec);
        }
    }

    /** Measures a server that runs elsewhere ({@code bench --connect}); its row is named {@code label}. */
    public BenchResult run(String scenario, String label, ServerUnderTest server, Spec spec)
            throws IOException, InterruptedException {
        return measure(scenario, label, server, spec);
    }

    /** Measures an already started server. */
    public BenchResult measure(String scenario, Target target, ServerUnderTest server, Spec spec)
            throws IOException, InterruptedException {
        if (!target.app().equals(spec.app())) {
            throw new IllegalArgumentException(target.name() + " serves " + target.app() + ", the load speaks " + spec.app());
        }
        if (target.tls() != spec.tls()) {
            throw new IllegalArgumentException(target.name() + (target.tls() ? " serves TLS" : " serves clear text")
                    + ", the load speaks " + (spec.tls() ? "TLS" : "clear text"));
        }
        return measure(scenario, target.name(), server, spec);
    }

    private BenchResult measure(String scenario, String label, ServerUnderTest server, Spec spec)
            throws IOException, InterruptedException {
        long outputMark = server.outputMark(); // this run's notes only, on a server runs share
        AtomicLong cpuStart = new AtomicLong();
        AtomicLong cpuEnd = new AtomicLong();
        AtomicReference<String> perfFailed = new AtomicReference<>("");
        PerfCounting.Counting perf = null;
        if (server.pids().isEmpty()) {
            perfFailed.set(server.whyNotMeasured());
        } else {
            try {
                perf = PerfCounting.attach(server.pids()); // attached now, counting only over the window
            } catch (IOException e) {
                perfFailed.set("perf stat could not start: " + e.getMessage());
            }
        }
        boolean measured = server.sample() != null;
        PerfCounting.Counting counting = perf;
        AtomicReference<String> unsettled = new AtomicReference<>("");
        AtomicInteger maxThreads = new AtomicInteger();
        AtomicLong maxRss = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon(true).name("iolab-sampler").unstarted(r));
        LoadGenerator.Window window = new LoadGenerator.Window() {
            @Override
            public void idleOpened() throws IOException, InterruptedException {
                if (server instanceof ServerProcess local) {
                    settle(local);
                }
            }

            @Override
            public void warmedUp() throws IOException, InterruptedException {
                if (!awaitJit(server, spec.jitSettle())) {
                    unsettled.set("the server's JIT was still compiling after " + (spec.warmup().plus(spec.jitSettle())
                            .toMillis() / 1000.0) + " s of warm-up");
                }
            }

            @Override
            public void started() throws IOException {
                if (counting != null) {
                    try {
                        counting.enable();
                    } catch (IOException e) {
                        perfFailed.set(e.getMessage());
                    }
                }
                if (!measured) {
                    return;
                }
                cpuStart.set(server.sample().cpuNanos());
                sampler.scheduleAtFixedRate(() -> {
                    try {
                        ProcStats.Sample s = server.sample();
                        maxThreads.accumulateAndGet(s.threads(), Math::max);
                        maxRss.accumulateAndGet(s.rssBytes(), Math::max);
                    } catch (IOException ignored) {
                        // the server is gone; the run will show errors
                    }
                }, 0, 100, TimeUnit.MILLISECONDS);
            }

            @Override
            public void ended() throws IOException {
                cpuEnd.set(measured ? server.sample().cpuNanos() : 0);
                if (counting != null && perfFailed.get().isEmpty()) {
                    try {
                        counting.disable();
                    } catch (IOException e) {
                        perfFailed.set(e.getMessage());
                    }
                }
            }
        };
        if (spec.pin()) {
            Pinning.pinThisProcessAwayFromCpu0();
        }
        LoadGenerator.Result r;
        try {
            r = new LoadGenerator().run(new LoadGenerator.Spec(server.address(), spec.conns(), spec.idle(),
                    spec.exchange(), spec.warmup(), spec.duration(), spec.loadThreads(),
                    spec.tls() ? LabTls.get().client : null, spec.connections()), window);
        } finally {
            sampler.shutdownNow();
        }
        PerfStat.Counts counted = null;
        if (counting != null) {
            try (counting) {
                if (perfFailed.get().isEmpty()) {
                    counted = counting.finish();
                }
            } catch (IOException e) {
                perfFailed.set("perf stat failed: " + e.getMessage());
            }
        }
        double cpuMillis = (cpuEnd.get() - cpuStart.get()) / 1e6;
        Histogram h = r.latencyMicros();
        boolean any = r.messages() > 0;
        String note = note(server.outputSince(outputMark), r, spec);
        if (!unsettled.get().isEmpty()) {
            note = note.isEmpty() ? unsettled.get() : note + "; " + unsettled.get();
        }
        if (!measured) {
            note = note.isEmpty() ? server.whyNotMeasured() : note + "; " + server.whyNotMeasured();
        }
        return new BenchResult(scenario, label, server.engine(),
                new BenchResult.Shape(spec.conns(), r.idleOpened(), spec.exchange().payload()),
                new BenchResult.Throughput(r.seconds(), r.messages(), r.messages() / r.seconds(),
                        r.bytes() / r.seconds() / 1e6, r.clientCpuNanos() / 1e7 / r.seconds()),
                any ? new BenchResult.Latency(h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                        h.getValueAtPercentile(99.9), h.getMaxValue(), LatencyModes.of(h)) : null,
                measured ? new BenchResult.ServerCost(cpuMillis, any ? cpuMillis * 1000 / r.messages() : null,
                        cpuMillis / 10 / r.seconds(), maxThreads.get(), maxRss.get() / 1048576.0) : null,
                new BenchResult.Checks(r.mismatches(), r.errors(), r.unserved()), note,
                kernel(counted, perfFailed.get(), r.messages()));
    }

    /**
     * What perf counted over the window, or why nothing was. Perf is switched on and off through
     * its control FIFO as the window starts and ends (a round trip of a millisecond or so), so
     * its counts and the window's messages cover the same time: on 3 s windows here, epoll's
     * recvfrom count came to 99.6 % of the messages and the threads engine's reads to 98.5 %.
     */
    static BenchResult.Kernel kernel(PerfStat.Counts counts, String failed, long messages) {
        if (counts == null) {
            String why = !failed.isEmpty() ? failed : PerfStat.probe().why();
            return BenchResult.Kernel.notMeasured(why.isEmpty() ? "perf stat counted nothing" : why);
        }
        return new BenchResult.Kernel("", counts.total(), counts.switches(), counts.calls(), messages);
    }

    /**
     * Waits (up to {@code max}) until the server's JIT compilers have gone quiet: under 25 ms of
     * CPU in half a second. A server pinned to one core shares it with its compiler threads, and
     * their CPU is the server's: a TLS run that began while C2 still compiled the SSLEngine's code
     * measured 33 to 75 us per message, 7 to 12 once it was done (and stalled requests for a
     * second). {@code false} when it did not go quiet in time; {@code true} at once for a server
     * whose JIT cannot be read, or when {@code max} is zero.
     */
    static boolean awaitJit(ServerUnderTest server, Duration max) throws IOException, InterruptedException {
        long last = server.jitCpuNanos();
        if (max.isZero() || last < 0) {
            return true;
        }
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(500);
            long now = server.jitCpuNanos();
            if (now - last < 25_000_000L) {
                return true;
            }
            last = now;
        }
        return false;
    }

    /**
     * Waits until the server has finished with what was just done to it (accepting thousands of
     * idle connections, or letting them go): until its CPU use over 100 ms stays under 2 ms, or
     * its open descriptors have not changed for 300 ms (a busy-polling server never goes quiet:
     * it waited the 10 s out on every idle run), at most 10 s.
     */
    public static void settle(ServerProcess server) throws IOException, InterruptedException {
        long last = server.sample().cpuNanos();
        long descriptors = descriptors(server.pid());
        int sameFor = 0;
        for (int i = 0; i < 100; i++) {
            Thread.sleep(100);
            long now = server.sample().cpuNanos();
            long d = descriptors(server.pid());
            sameFor = d == descriptors ? sameFor + 1 : 0;
            if (now - last < 2_000_000 || sameFor >= 3) {
                return;
            }
            last = now;
            descriptors = d;
        }
    }

    /** How many descriptors the process has open ({@code /proc/PID/fd}). */
    private static long descriptors(long pid) throws IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        }
    }

    static String note(List<String> out, LoadGenerator.Result r, Spec spec) {
        boolean refusedPastSelect = out.stream().anyMatch(l -> l.contains("select cannot watch descriptor"));
        if (refusedPastSelect) {
            return "refused: descriptors past 1024 (FD_SETSIZE)";
        }
        if (r.idleOpened() < spec.idle()) {
            return "only " + r.idleOpened() + " of " + spec.idle() + " idle connections could be opened: the server "
                    + "stopped accepting" + (r.unserved() > 0 ? "; " + r.unserved() + " active got no reply" : "");
        }
        if (r.errors() > 0 && r.messages() == 0) {
            return "no replies: " + r.errors() + " connections failed";
        }
        if (r.unserved() > 0) {
            return r.unserved() + " connections got no reply in the window (served one at a time, or waiting for a worker)";
        }
        return "";
    }
}
