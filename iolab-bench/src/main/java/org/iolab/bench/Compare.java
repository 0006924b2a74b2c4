package org.iolab.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code iolab compare}: every scenario on every engine and peer asked for, one server process
 * per run, with progress; the results, the machine and the claims' verdicts.
 *
 * <p>Thread rule: one comparison at a time per instance.
 */
public final class Compare {

    /**
     * @param engines iolab engines to run (available ones only)
     * @param peers Netty peers to run
     * @param quick short windows, one server process per target for all its scenarios (and 1200 idle instead of 5000 in scenario 4: still past select's 1024)
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
        List<Scenario> scenarios = Scenario.ALL.stream()
                .filter(s -> o.scenarios().isEmpty() || o.scenarios().stream().anyMatch(
                        x -> s.id().equals(x) || s.id().startsWith("s" + x + "-")))
                .map(s -> o.quick() && s.idle() == 5000 ? new Scenario(s.id(), s.title().replace("5000", "1200") + " (quick)",
                        s.kind(), s.conns(), 1200, s.size()) : s)
                .toList();
        List<Run> plan = new ArrayList<>();
        for (Scenario s : scenarios) {
            if (s.kind() == Scenario.Kind.ONE_AT_A_TIME) {
                for (String e : Scenario.ONE_AT_A_TIME_TARGETS) {
                    if (o.engines().contains(e)) {
                        plan.add(new Run(s, e.equals("pool") ? Target.of(e).with("--pool-size", "1") : Target.of(e)));
                    }
                }
            } else {
                o.engines().forEach(e -> plan.add(new Run(s, Target.of(e))));
                o.peers().forEach(p -> plan.add(new Run(s, Target.of(p))));
            }
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
        Duration warmup = Duration.ofMillis(o.quick() ? 200 : 2000);
        Duration window = Duration.ofMillis(o.quick() ? 500 : 5000);
        Duration quiet = Duration.ofMillis(o.quick() ? 500 : 5000);
        Duration hold = Duration.ofMillis(o.quick() ? 300 : 1000);
        int loops = o.pin() ? 1 : 0;
        List<BenchResult> results = new ArrayList<>();
        long started = System.nanoTime();
        ServerUnderTest shared = null; // quick mode: one server per target for its load and idle runs
        String sharedFor = null;
        try {
            for (int i = 0; i < plan.size(); i++) {
                Run run = plan.get(i);
                Scenario s = run.scenario();
                BenchResult r;
                try {
                    if (o.quick() && s.kind() != Scenario.Kind.ONE_AT_A_TIME) {
                        if (!run.target().name().equals(sharedFor)) {
                            closeQuietly(shared);
                            shared = null;
                            sharedFor = run.target().name();
                            shared = ServerUnderTest.start(run.target(), loops, o.pin());
                        }
                        r = s.kind() == Scenario.Kind.LOAD
                                ? new Bench().measure(s.id(), run.target(), shared, new Bench.Spec(s.conns(), s.idle(),
                                        s.size(), warmup, window, o.pin(), loops, 1))
                                : SpecialRuns.idleCpu(s, run.target(), shared, s.idle(), quiet);
                    } else {
                        r = switch (s.kind()) {
                            case LOAD -> new Bench().run(s.id(), run.target(), new Bench.Spec(s.conns(), s.idle(),
                                    s.size(), warmup, window, o.pin(), loops, 1));
                            case IDLE_CPU -> SpecialRuns.idleCpu(s, run.target(), s.idle(), quiet, o.pin(), loops);
                            case ONE_AT_A_TIME -> SpecialRuns.oneAtATime(s, run.target(), hold, o.pin());
                        };
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    r = BenchResult.notRun(s.id(), run.target().name(), s.conns(), s.idle(), s.size(),
                            "could not run: " + e.getMessage());
                    closeQuietly(shared);
                    shared = null;
                    sharedFor = null;
                }
                results.add(r);
                double elapsed = (System.nanoTime() - started) / 1e9;
                double eta = elapsed / (i + 1) * (plan.size() - i - 1);
                progress.printf(Locale.ROOT, "%s [%d/%d] %-34s %-14s %s (eta %.0f s)%n", bar(i + 1, plan.size()),
                        i + 1, plan.size(), s.title(), run.target().name(), summary(r), eta);
            }
        } finally {
            closeQuietly(shared);
        }
        return new Outcome(machine, o, scenarios, results, Claims.evaluate(results, hold));
    }

    private static void closeQuietly(ServerUnderTest s) {
        if (s != null) {
            s.close();
        }
    }

    private static String bar(int done, int total) {
        int width = 20;
        int filled = done * width / total;
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    private static String summary(BenchResult r) {
        if (!r.note().isEmpty() && r.messages() == 0 && !r.scenario().startsWith("s6")) {
            return r.note();
        }
        if (r.scenario().startsWith("s6")) {
            return String.format(Locale.ROOT, "idle cpu %.1f%%", r.serverCpuPercent());
        }
        if (r.scenario().startsWith("s7")) {
            return r.note();
        }
        return String.format(Locale.ROOT, "%.0f msg/s, %.2f us cpu/msg", r.messagesPerSecond(), r.serverCpuMicrosPerMessage());
    }
}
