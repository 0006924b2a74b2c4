package org.iolab.bench.scenarios;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.iolab.bench.load.PacedLoad;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.ProcStats;
import org.iolab.bench.measure.ServerProcess;
import org.iolab.bench.peers.Target;
import org.iolab.server.Engine;
import org.iolab.server.Engines;
import org.knowm.xchart.CategoryChart;

/**
 * What one heavy handler does to everyone else: 100 connections send the echo at a steady rate
 * (a 64 B message every 10 ms each) while, in the heavy variant, two more send a heavy command
 * every half second each: one that computes for {@value #WORK_MILLIS} ms ({@code !burn}) and one
 * that blocks as long ({@code !sleep}). The row is the paced connections' latency, from when each
 * message was due; the baseline variant is the same load without the heavy commands.
 *
 * <p>The source documents: the event-driven model mixes detecting events with responding to
 * them, so one handler's large work is a disaster for the whole model. Each reactor runs one
 * loop here ({@code --threads 1}), twice: the heavy app on the loop ({@code epoll}), and with its
 * work taken off the loop ({@code epoll+offload}: the heavy-offload app, through
 * {@code Transport.executeBlocking}). The thread engines run it as it is. Quick mode runs epoll
 * both ways and threads, a second's window each after the server's warm-up.
 *
 * <p>Thread rule: immutable.
 */
final class HeavyHandlerScenario extends Scenario {

    static final int CONNS = 100;
    static final int SIZE = 64;
    static final int WORK_MILLIS = 50;
    static final Duration PERIOD = Duration.ofMillis(10);
    static final Duration HEAVY_EVERY = Duration.ofMillis(500);
    static final List<String> HEAVY = List.of("!burn " + WORK_MILLIS, "!sleep " + WORK_MILLIS);
    /** A row of a reactor whose heavy work runs off its loop. */
    static final String OFFLOAD = "+offload";
    /** The engines the quick variant runs: a reactor both ways and a thread engine. */
    static final List<String> QUICK_ENGINES = List.of("epoll", "threads");

    private final String slug;
    private final String heading;
    private final boolean heavy;
    private final boolean quick;

    HeavyHandlerScenario(int number, String slug, String heading, String shows, boolean heavy, boolean quick) {
        super(number, slug, heading, shows, new BenchResult.Shape(CONNS, 0, SIZE));
        this.slug = slug;
        this.heading = heading;
        this.heavy = heavy;
        this.quick = quick;
    }

    /** Quick mode's: a reactor both ways and a thread engine, shorter windows. */
    @Override
    public Scenario quick() {
        return new HeavyHandlerScenario(number(), slug, heading, shows(), heavy, true);
    }

    /**
     * Every engine asked for that serves many connections at once (blocking and pool serve a few;
     * processes runs virtual-thread workers here); each loop engine also as {@code +offload}; each
     * Netty peer on its loop and with Netty's offload ({@code +offload}: a
     * {@code DefaultEventExecutorGroup}), nginx serving no echo. Quick mode: {@link #QUICK_ENGINES}
     * only, no peers.
     */
    @Override
    public List<Target> targets(List<String> engines, List<String> peers) {
        List<Target> out = new ArrayList<>();
        for (String e : engines) {
            if (Scenarios.FEW_AT_A_TIME.contains(e) && !e.equals("processes") || quick && !QUICK_ENGINES.contains(e)) {
                continue;
            }
            Target t = Target.of(e).serving("heavy");
            if (e.equals("processes")) {
                t = t.with("--workers", "2", "--worker-engine", "virtual");
            }
            out.add(t);
            if (loops(e)) {
                out.add(Target.of(e).serving("heavy-offload").named(e + OFFLOAD));
            }
        }
        for (String p : quick ? List.<String>of() : peers) {
            if (p.startsWith("netty-")) {
                out.add(Target.of(p).serving("heavy"));
                out.add(Target.of(p).serving("heavy-offload").named(p + OFFLOAD).with("--offload"));
            }
        }
        return out;
    }

    /** Whether {@code engine} runs event loops (a reactor, a proactor's loop, nio2's group). */
    static boolean loops(String engine) {
        return Engines.find(engine).map(Engine::eventLoops).orElse(false);
    }

    /**
     * One run on its server: a fresh one with one loop (a thread engine: its default) in a full
     * comparison; in quick mode one per target for both scenarios, as every quick run shares.
     */
    @Override
    public BenchResult run(Target target, RunContext context) throws IOException, InterruptedException {
        boolean oneLoop = target.peer() || loops(target.engine());
        return context.withServer(target, oneLoop ? 1 : 0, server -> measure(target, server, context.quick));
    }

    private BenchResult measure(Target target, ServerProcess server, boolean quickly) throws IOException, InterruptedException {
        Duration warmup = quickly ? Duration.ofMillis(500) : Duration.ofSeconds(2);
        Duration window = quickly ? Duration.ofMillis(1000) : Duration.ofSeconds(4);
        if (quickly) { // a just-started server's offload path is cold: a few light commands through it first
            PacedLoad.run(new PacedLoad.Spec(server.address(), 10, SIZE, PERIOD, List.of("!burn 1", "!sleep 1"),
                    Duration.ofMillis(20), Duration.ZERO, Duration.ofMillis(400)));
        }
        ProcStats.Sample before = server.sample();
        PacedLoad.Outcome o = PacedLoad.run(new PacedLoad.Spec(server.address(), CONNS, SIZE, PERIOD,
                heavy ? HEAVY : List.of(), HEAVY_EVERY, warmup, window));
        ProcStats.Sample after = server.sample();
        Histogram h = o.latency();
        if (h.getTotalCount() == 0) {
            return notRun(target, "no message was answered in the window");
        }
        double cpuMillis = (after.cpuNanos() - before.cpuNanos()) / 1e6;
        double seconds = (warmup.toNanos() + window.toNanos()) / 1e9;
        String note = heavy ? String.format(Locale.ROOT, "%d heavy commands answered (%d ms each, every %d ms on each "
                + "of %d connections)", o.heavyAnswered(), WORK_MILLIS, HEAVY_EVERY.toMillis(), HEAVY.size()) : "";
        return new BenchResult(id(), target.name(), server.engine(), shape(),
                new BenchResult.Throughput(o.seconds(), o.messages(), o.messages() / o.seconds(),
                        o.messages() * (double) SIZE / o.seconds() / 1e6, -1),
                new BenchResult.Latency(h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                        h.getValueAtPercentile(99.9), h.getMaxValue()),
                new BenchResult.ServerCost(cpuMillis, null, cpuMillis / 10 / seconds, after.threads(),
                        after.rssBytes() / 1048576.0),
                new BenchResult.Checks(o.wrong(), 0, 0), note);
    }

    @Override
    public String summary(BenchResult r) {
        return r.latency() == null ? r.note() : String.format(Locale.ROOT, "the others' p50 %.1f ms, p99 %.1f ms%s",
                r.latency().p50Micros() / 1000, r.latency().p99Micros() / 1000,
                r.mismatches() > 0 ? "; " + r.mismatches() + " wrong" : "");
    }

    @Override
    public Figure figure() {
        return new Figure("p99 ms", r -> r.latency() == null ? null : r.latency().p99Micros() / 1000, true);
    }

    @Override
    public CategoryChart chart(List<BenchResult> rows) {
        return Charts.bars(title(), "the paced connections' latency (ms)", rows,
                Map.of("p50", r -> r.latency() == null ? -1 : r.latency().p50Micros() / 1000,
                        "p99", r -> r.latency() == null ? -1 : r.latency().p99Micros() / 1000));
    }
}
