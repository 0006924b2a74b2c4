package org.iolab.bench;

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
     */
    public record Options(List<String> engines, List<String> peers, boolean quick, boolean pin, List<String> scenarios,
                          int rounds, String baseline) {

        public Options {
            rounds = quick ? 1 : Math.max(1, rounds);
            baseline = baseline == null || baseline.isEmpty() ? defaultBaseline(engines, peers) : baseline;
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

    /** One planned run. */
    private record Run(Scenario scenario, Target target) {
    }

    /** {@code epoll} when it runs, else the first engine, else the first peer. */
    public static String defaultBaseline(List<String> engines, List<String> peers) {
        if (engines.contains("epoll")) {
            return "epoll";
        }
        return !engines.isEmpty() ? engines.getFirst() : peers.isEmpty() ? "" : peers.getFirst();
    }

    public Outcome run(Options o, PrintStream progress) throws InterruptedException {
        Machine machine = Machine.here(); // before --pin narrows this process to fewer CPUs
        List<Scenario> scenarios = Scenarios.select(o.scenarios()).stream()
                .map(s -> o.quick() ? s.quick() : s).toList();
        List<Run> plan = new ArrayList<>();
        for (Scenario s : scenarios) {
            s.targets(o.engines(), o.peers()).forEach(t -> plan.add(new Run(s, t)));
        }
        if (o.quick()) { // one server per target: run each target's scenarios back to back
            List<Run> byScenario = List.copyOf(plan);
            plan.clear();
            for (Run r : byScenario) {
                if (plan.stream().noneMatch(x -> x.target().equals(r.target()))) {
                    byScenario.stream().filter(x -> x.target().equals(r.target())).forEach(plan::add);
                }
            }
            progress.println("quick mode: one round of short windows, a smoke test of every engine; its figures "
                    + "are not for comparisons (run without --quick for medians of rounds)");
        }
        List<List<BenchResult>> rounds = new ArrayList<>();
        long started = System.nanoTime();
        int total = plan.size() * o.rounds();
        RunContext context = new RunContext(o.quick(), o.pin());
        try (context) {
            for (int round = 1; round <= o.rounds(); round++) {
                List<BenchResult> results = new ArrayList<>();
                for (int i = 0; i < plan.size(); i++) {
                    Run run = plan.get(i);
                    BenchResult r;
                    try {
                        r = run.scenario().run(run.target(), context);
                    } catch (IOException | RuntimeException e) {
                        r = run.scenario().notRun(run.target(), "could not run: " + e.getMessage());
                    }
                    results.add(r);
                    int done = (round - 1) * plan.size() + i + 1;
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    double eta = elapsed / done * (total - done);
                    progress.printf(Locale.ROOT, "%s %s[%d/%d] %-34s %-14s %s (eta %.0f s)%n", bar(done, total),
                            o.rounds() > 1 ? "round " + round + "/" + o.rounds() + " " : "", i + 1, plan.size(),
                            run.scenario().title(), run.target().name(), run.scenario().summary(r), eta);
                }
                rounds.add(results);
            }
        }
        List<BenchResult> medians = Rounds.medians(rounds);
        return new Outcome(machine, o, scenarios, rounds, medians, Claims.judge(rounds, medians, context.hold));
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
