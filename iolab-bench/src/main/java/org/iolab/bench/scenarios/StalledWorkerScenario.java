package org.iolab.bench.scenarios;

import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.ServerProcess;
import org.iolab.bench.peers.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.CategoryChart;

/**
 * One worker of the processes engine stalls (SIGSTOP) while clients keep arriving, each with a
 * new connection for one message, as short requests do: with the shared accept queue the other
 * workers take every new connection; with {@code --reuseport} the kernel still hashes a share of
 * them to the stalled worker's own queue, where they wait. The result is the clients' latency
 * (connect, send, reply) and how many waited out the 1 s timeout. Four blocking workers.
 *
 * <p>Thread rule: immutable.
 */
final class StalledWorkerScenario extends Scenario {

    private static final byte[] MESSAGE = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl".getBytes();
    private static final int CLIENTS = 8;
    private static final int TIMEOUT_MS = 1000;
    /** Several timeouts long; quick mode's two are still enough for clients to wait one out. */
    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final Duration QUICK_WINDOW = Duration.ofSeconds(2);

    StalledWorkerScenario(int number, String slug, String title, String shows) {
        super(number, slug, title, shows, new BenchResult.Shape(CLIENTS, 0, MESSAGE.length));
    }

    @Override
    public List<Target> targets(List<String> engines, List<String> peers) {
        if (!engines.contains("processes")) {
            return List.of();
        }
        Target shared = Target.of("processes").with("--workers", "4");
        return List.of(shared, shared.with("--reuseport").named("processes+reuseport"));
    }

    @Override
    public BenchResult run(Target target, RunContext context) throws IOException, InterruptedException {
        try (ServerProcess server = context.freshServer(target)) {
            List<Long> pids = server.pids();
            if (pids.size() < 2) {
                return notRun(target, "no worker processes found");
            }
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            churn(address, context.warmup, new Histogram(3_600_000_000L, 3), new AtomicLong(), new AtomicLong());
            long stalled = pids.get(1);
            signal("STOP", stalled);
            Histogram latency = new Histogram(3_600_000_000L, 3);
            AtomicLong timedOut = new AtomicLong();
            AtomicLong wrong = new AtomicLong();
            long t0 = System.nanoTime();
            try {
                churn(address, context.quick ? QUICK_WINDOW : WINDOW, latency, timedOut, wrong);
            } finally {
                signal("CONT", stalled);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long n = latency.getTotalCount();
            String note = String.format(Locale.ROOT, "%d of %d requests waited out the %d ms timeout with worker %d stopped",
                    timedOut.get(), n, TIMEOUT_MS, stalled);
            return new BenchResult(id(), target.name(), server.engine(), shape(),
                    new BenchResult.Throughput(seconds, n - timedOut.get(), (n - timedOut.get()) / seconds, 0, -1),
                    new BenchResult.Latency(latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                            latency.getValueAtPercentile(99.9), latency.getMaxValue()),
                    null, new BenchResult.Checks(wrong.get(), timedOut.get(), 0), note);
        }
    }

    /** {@link #CLIENTS} clients, each a new connection per message, for {@code span}. */
    private static void churn(InetSocketAddress address, Duration span, Histogram latency, AtomicLong timedOut,
                              AtomicLong wrong) throws InterruptedException {
        long end = System.nanoTime() + span.toNanos();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        List<Histogram> own = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Histogram h = new Histogram(3_600_000_000L, 3);
            own.add(h);
            clients.add(Thread.ofPlatform().daemon(true).start(() -> {
                while (!stop.get() && System.nanoTime() < end) {
                    long t = System.nanoTime();
                    try (Socket s = new Socket()) {
                        s.connect(address, TIMEOUT_MS);
                        s.setSoTimeout(TIMEOUT_MS);
                        s.setTcpNoDelay(true);
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        out.write(MESSAGE);
                        byte[] reply = in.readNBytes(MESSAGE.length);
                        if (reply.length != MESSAGE.length || reply[0] != (byte) (MESSAGE[0] - 32)) {
                            wrong.incrementAndGet();
                        }
                    } catch (SocketTimeoutException e) {
                        timedOut.incrementAndGet();
                    } catch (IOException e) {
                        wrong.incrementAndGet();
                    }
                    h.recordValue(Math.max(1, (System.nanoTime() - t) / 1000));
                }
            }));
        }
        for (Thread c : clients) {
            c.join(span.toMillis() + 5L * TIMEOUT_MS);
        }
        stop.set(true);
        own.forEach(latency::add);
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start().waitFor();
    }

    @Override
    public String summary(BenchResult r) {
        return String.format(Locale.ROOT, "p99 %.0f ms; %s", r.latency().p99Micros() / 1000, r.note());
    }

    @Override
    public Figure figure() {
        return new Figure("p99 ms", r -> r.latency() == null ? null : r.latency().p99Micros() / 1000, true);
    }

    @Override
    public CategoryChart chart(List<BenchResult> rows) {
        return Charts.bars(title(), "clients' p99 with one worker stopped (ms)", rows,
                Map.of("p99", r -> r.latency() == null ? -1 : r.latency().p99Micros() / 1000));
    }
}
