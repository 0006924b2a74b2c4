package org.iolab.bench;

import org.iolab.bench.claims.Claims;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.Machine;
import org.iolab.bench.measure.Rounds;
import org.iolab.bench.peers.Target;
import org.iolab.bench.scenarios.RunContext;
import org.iolab.bench.scenarios.Scenario;
import org.iolab.bench.scenarios.Scenarios;
import org.iolab.bench.scenarios.Sweep;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code iolab compare}: every scenario on every engine and peer asked for, each server in a
 * process of its own, with progress; the results, the machine and the claims' verdicts.
 *
 * <p>Thread rule: one comparison at a time per instance.
 */
public final class Compare {

    /**
     * @param engines iolab engines to run (available ones only)
     * @param peers Netty peers to run
     * @param quick short windows, one round, one server process per target for all its scenarios
     *     (and smaller idle counts where a scenario says so): not for comparisons
     * @param pin server on CPU 0 with one event loop, the load elsewhere
     * @param scenarios which scenarios (ids or numbers), empty for all
     * @param rounds how many times every run is made, targets alternating (quick mode: 1)
     * @param baseline the target ratios are taken against, or empty for {@link #defaultBaseline}
     * @param app the app whose scenarios run: {@code upper} (the lab's echo) or {@code http}
     */
    public record Options(List<String> engines, List<String> peers, boolean quick, boolean pin, List<String> scenarios,
                          int rounds, String baseline, String app) {

        public Options {
            rounds = quick ? 1 : Math.max(1, rounds);
            baseline = baseline == null || baseline.isEmpty() ? defaultBaseline(engines, peers) : baseline;
            app = app == null ? "upper" : app; // results saved before there was a choice
        }

        /** The upper app's comparison. */
        public Options(List<String> engines, List<String> peers, boolean quick, boolean pin, List<String> scenarios,
                       int rounds, String baseline) {
            this(engines, peers, quick, pin, scenarios, rounds, baseline, "upper");
        }
    }

    /**
     * Everything a report needs.
     *
     * @param rounds every round's rows, in the order they were run
     * @param results one row per run: the median over the rounds
     */
    public record Outcome(Machine machine, Options options, List<Scenario> scenarios, List<List<BenchResult>> rounds,
                          List<BenchResult> results, List<Claims.Claim> claims) {

        /** Every round's row of the run {@code median} stands for, in round order. */
        public List<BenchResult> roundsOf(BenchResult median) {
            return rounds.stream().flatMap(List::stream)
                    .filter(r -> r.scenario().equals(median.scenario()) && r.target().equals(median.target())).toList();
        }
    }

    /**
     * Told of a comparison as it goes (the live page, {@code compare --live}).
     *
     * <p>Thread rule: called on the comparison's thread, in order; a listener that fails is
     * the comparison's failure, so a listener only hands the news on.
     */
    public interface Listener {

        /** What will run: the scenarios, the targets, and how many runs in all (over every round). */
        default void planned(Options options, List<Scenario> scenarios, List<String> targets, int total) {
        }

        /** A run starts: its place in the whole ({@code done} runs before it). */
        default void starting(Scenario scenario, String target, int round, int done, int total) {
        }

        /** A run's row, with the time the rest should take. */
        default void finished(Scenario scenario, BenchResult row, int round, int done, int total, double etaSeconds) {
        }

        /** Every round ran: the medians and the claims' verdicts. */
        default void done(Outcome outcome) {
        }
    }

    /** No one listens. */
    public static final Listener NOBODY = new Listener() {
    };

    /**
     * One planned run.
     *
     * @param group runs of one group and target share a server, one after the other (a sweep's
     *     points, from the smallest up); {@code null} for a server of its own
     */
    public record Run(Scenario scenario, Target target, String group) {
    }

    /** {@code epoll} when it runs, else the first engine, else the first peer. */
    public static String defaultBaseline(List<String> engines, List<String> peers) {
        if (engines.contains("epoll")) {
            return "epoll";
        }
        return !engines.isEmpty() ? engines.getFirst() : peers.isEmpty() ? "" : peers.getFirst();
    }

    public Outcome run(Options o, PrintStream progress) throws InterruptedException {
        return run(o, progress, NOBODY);
    }

    /** Runs the comparison, with progress lines on {@code progress} and news for {@code listener}. */
    public Outcome run(Options o, PrintStream progress, Listener listener) throws InterruptedException {
        Machine machine = Machine.here(); // before --pin narrows this process to fewer CPUs
        List<Scenario> scenarios = Scenarios.select(o.scenarios(), o.app()).stream()
                .map(s -> o.quick() ? s.quick() : s).toList();
        List<Run> plan = plan(scenarios, o.engines(), o.peers(), o.quick());
        if (o.quick()) {
            progress.println("quick mode: one round of short windows, a smoke test of every engine; its figures "
                    + "are not for comparisons (run without --quick for medians of rounds)");
        }
        List<List<BenchResult>> rounds = new ArrayList<>();
        long started = System.nanoTime();
        int total = plan.size() * o.rounds();
        listener.planned(o, scenarios, plan.stream().map(r -> r.target().name()).distinct().toList(), total);
        RunContext context = new RunContext(o.quick(), o.pin());
        try (context) {
            for (int round = 1; round <= o.rounds(); round++) {
                List<BenchResult> results = new ArrayList<>();
                for (int i = 0; i < plan.size(); i++) {
                    Run run = plan.get(i);
                    BenchResult r;
                    int done = (round - 1) * plan.size() + i + 1;
                    listener.starting(run.scenario(), run.target().name(), round, done - 1, total);
                    context.group(run.group());
                    try {
                        r = run.scenario().run(run.target(), context);
                    } catch (IOException | RuntimeException e) {
                        r = run.scenario().notRun(run.target(), "could not run: " + e.getMessage());
                    }
                    results.add(r);
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    double eta = elapsed / done * (total - done);
                    progress.printf(Locale.ROOT, "%s %s[%d/%d] %-34s %-14s %s (eta %.0f s)%n", bar(done, total),
                            o.rounds() > 1 ? "round " + round + "/" + o.rounds() + " " : "", i + 1, plan.size(),
                            run.scenario().title(), run.target().name(), run.scenario().summary(r), eta);
                    listener.finished(run.scenario(), r, round, done, total, eta);
                }
                rounds.add(results);
            }
        }
        List<BenchResult> medians = Rounds.medians(rounds);
        Outcome outcome = new Outcome(machine, o, scenarios, rounds, medians, Claims.judge(rounds, medians, context.hold,
                o.app()));
        listener.done(outcome);
        return outcome;
    }

    /**
     * The runs of one round, in order. A sweep's points run target by target, each target's
     * points from the smallest up on one server (a point already planned by an earlier sweep is
     * not run again); any other scenario runs on every target, each on a fresh server. Quick
     * mode runs each target's scenarios back to back on one server.
     */
    public static List<Run> plan(List<Scenario> scenarios, List<String> engines, List<String> peers, boolean quick) {
        List<Run> plan = new ArrayList<>();
        java.util.Set<String> planned = new java.util.HashSet<>();
        for (Scenario s : scenarios) {
            if (planned.contains(s.id())) {
                continue;
            }
            Sweep sweep = Scenarios.SWEEPS.stream().filter(w -> w.contains(s)).findFirst().orElse(null);
            List<Scenario> points = sweep == null ? List.of(s)
                    : scenarios.stream().filter(p -> sweep.contains(p) && !planned.contains(p.id())).toList();
            List<Target> targets = points.stream().flatMap(p -> p.targets(engines, peers).stream()).distinct().toList();
            for (Target t : targets) {
                for (Scenario p : points) {
                    if (p.targets(engines, peers).contains(t)) {
                        plan.add(new Run(p, t, sweep == null ? null : sweep.id()));
                    }
                }
            }
            points.forEach(p -> planned.add(p.id()));
        }
        if (quick) { // one server per target: run each target's scenarios back to back
            List<Run> byTarget = new ArrayList<>();
            for (Run r : plan) {
                if (byTarget.stream().noneMatch(x -> x.target().equals(r.target()))) {
                    plan.stream().filter(x -> x.target().equals(r.target())).forEach(byTarget::add);
                }
            }
            return byTarget;
        }
        return plan;
    }

    /** The rows of one scenario. */
    public static List<BenchResult> rows(Outcome o, Scenario s) {
        return o.results().stream().filter(r -> r.scenario().equals(s.id())).toList();
    }

    private static String bar(int done, int total) {
        int width = 20;
        int filled = done * width / total;
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
