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
     * @param quick short windows, one server process per target for all its scenarios (and smaller
     *     idle counts where a scenario says so)
     * @param pin server on CPU 0 with one event loop, the load elsewhere
     * @param scenarios which scenarios (ids or numbers), empty for all
     */
    public record Options(List<String> engines, List<String> peers, boolean quick, boolean pin, List<String> scenarios) {
    }

    /** Everything a report needs. */
    public record Outcome(Machine machine, Options options, List<Scenario> scenarios, List<BenchResult> results,
                          List<Claims.Claim> claims) {
    }

    /** One planned run. */
    private record Run(Scenario scenario, Target target) {
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
        }
        List<BenchResult> results = new ArrayList<>();
        long started = System.nanoTime();
        RunContext context = new RunContext(o.quick(), o.pin());
        try (context) {
            for (int i = 0; i < plan.size(); i++) {
                Run run = plan.get(i);
                BenchResult r;
                try {
                    r = run.scenario().run(run.target(), context);
                } catch (IOException | RuntimeException e) {
                    r = run.scenario().notRun(run.target(), "could not run: " + e.getMessage());
                }
                results.add(r);
                double elapsed = (System.nanoTime() - started) / 1e9;
                double eta = elapsed / (i + 1) * (plan.size() - i - 1);
                progress.printf(Locale.ROOT, "%s [%d/%d] %-34s %-14s %s (eta %.0f s)%n", bar(i + 1, plan.size()),
                        i + 1, plan.size(), run.scenario().title(), run.target().name(), run.scenario().summary(r), eta);
            }
        }
        return new Outcome(machine, o, scenarios, results, Claims.evaluate(results, context.hold));
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
