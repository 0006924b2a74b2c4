package org.iolab.bench.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What several rounds of the same runs say together: the median of each figure with its range,
 * and ratios against a baseline target (the ratio of the medians, and each round's own ratio).
 * Machines here differ 10-30 % run to run, so one sample per engine ranks nothing; the median of
 * alternating rounds does, and the range says how far to trust it.
 *
 * <p>Thread rule: stateless.
 */
public final class Rounds {

    private Rounds() {
    }

    /** A figure over rounds: its median and range (all {@code NaN} when no round measured it). */
    public record Spread(double median, double min, double max, int rounds) {

        /** The range as a share of the median: 0.1 means the rounds spread over 10 % of it. */
        public double relativeRange() {
            return median == 0 ? 0 : (max - min) / Math.abs(median);
        }
    }

    /** The median of {@code values} (the mean of the middle two for an even count); {@code NaN} when empty. */
    public static double median(double... values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** The spread of one figure over the rows of one run, leaving out rows that lack it. */
    public static Spread spread(List<BenchResult> sameRun, Function<BenchResult, Double> figure) {
        double[] v = sameRun.stream().map(figure).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .filter(d -> !Double.isNaN(d)).toArray();
        if (v.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new Spread(median(v), Arrays.stream(v).min().orElseThrow(), Arrays.stream(v).max().orElseThrow(), v.length);
    }

    /**
     * One row standing for several rounds of the same run (same scenario, same target): each
     * figure is the median over the rounds that measured it (a latency's two modes are any round's
     * that had two); the checks are the worst round's (a mismatch in any round is a mismatch); the
     * notes of every round are kept.
     */
    public static BenchResult median(List<BenchResult> sameRun) {
        if (sameRun.size() == 1) {
            return sameRun.getFirst();
        }
        BenchResult first = sameRun.getFirst();
        List<BenchResult> measured = sameRun.stream().filter(BenchResult::measured).toList();
        BenchResult.Throughput t = measured.stream().allMatch(r -> r.throughput() != null) && !measured.isEmpty()
                ? new BenchResult.Throughput(
                        m(measured, r -> r.throughput().seconds()), Math.round(m(measured, r -> (double) r.messages())),
                        m(measured, r -> r.throughput().messagesPerSecond()),
                        m(measured, r -> r.throughput().megabytesPerSecond()),
                        m(measured, r -> r.throughput().clientCpuPercent()))
                : null;
        List<BenchResult> withLatency = measured.stream().filter(r -> r.latency() != null).toList();
        BenchResult.Latency l = withLatency.isEmpty() ? null : new BenchResult.Latency(
                m(withLatency, r -> r.latency().p50Micros()), m(withLatency, r -> r.latency().p99Micros()),
                m(withLatency, r -> r.latency().p999Micros()), m(withLatency, r -> r.latency().maxMicros()),
                withLatency.stream().map(r -> r.latency().modes()).filter(java.util.Objects::nonNull).findFirst()
                        .orElse(null)); // a round with two modes makes the median's two-moded too
        List<BenchResult> withServer = measured.stream().filter(r -> r.server() != null).toList();
        BenchResult.ServerCost s = withServer.isEmpty() ? null : new BenchResult.ServerCost(
                m(withServer, r -> r.server().cpuMillis()),
                withServer.stream().allMatch(r -> r.cpuMicrosPerMessage() != null)
                        ? m(withServer, BenchResult::cpuMicrosPerMessage) : null,
                m(withServer, r -> r.server().cpuPercent()),
                (int) Math.round(m(withServer, r -> (double) r.server().threads())),
                m(withServer, r -> r.server().rssMiB()));
        BenchResult.Checks c = new BenchResult.Checks(
                sameRun.stream().mapToLong(BenchResult::mismatches).max().orElse(0),
                sameRun.stream().mapToLong(r -> r.checks().errors()).max().orElse(0),
                sameRun.stream().mapToInt(r -> r.checks().unserved()).max().orElse(0));
        Set<String> notes = new LinkedHashSet<>();
        sameRun.stream().map(BenchResult::note).filter(n -> !n.isEmpty()).forEach(notes::add);
        String engineRan = sameRun.stream().map(BenchResult::engineRan).filter(e -> !e.isEmpty()).findFirst().orElse("");
        BenchResult.Shape shape = new BenchResult.Shape(first.shape().conns(),
                (int) Math.round(median(sameRun.stream().mapToDouble(r -> r.shape().idle()).toArray())), first.shape().size());
        List<BenchResult> withMemory = sameRun.stream().filter(r -> r.memory() != null).toList();
        BenchResult.Memory mem = withMemory.isEmpty() ? null : new BenchResult.Memory(
                (int) Math.round(m(withMemory, r -> (double) r.memory().connections())),
                m(withMemory, r -> r.memory().heapKiBPerConnection()), m(withMemory, r -> r.memory().rssKiBPerConnection()));
        return new BenchResult(first.scenario(), first.target(), engineRan, shape, t, l, s, c, String.join("; ", notes),
                medianKernel(sameRun), mem);
    }

    /**
     * The kernel counts of the round whose system calls per message are the median (so the
     * per-call breakdown adds up to the figure shown); the first round's when none were counted.
     */
    private static BenchResult.Kernel medianKernel(List<BenchResult> sameRun) {
        List<BenchResult> counted = sameRun.stream().filter(r -> r.syscallsPerMessage() != null)
                .sorted(java.util.Comparator.comparingDouble(BenchResult::syscallsPerMessage)).toList();
        if (counted.isEmpty()) {
            return sameRun.getFirst().kernel();
        }
        return counted.get((counted.size() - 1) / 2).kernel();
    }

    private static double m(List<BenchResult> rows, Function<BenchResult, Double> f) {
        return median(rows.stream().map(f).mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The rows of every round, folded into one median row per run, in the order of the first
     * round.
     */
    public static List<BenchResult> medians(List<List<BenchResult>> rounds) {
        return sameRuns(rounds).stream().map(Rounds::median).toList();
    }

    /** The rows of every round grouped by run (scenario and target), in the order of the first round. */
    public static List<List<BenchResult>> sameRuns(List<List<BenchResult>> rounds) {
        List<List<BenchResult>> out = new ArrayList<>();
        for (BenchResult r : rounds.getFirst()) {
            out.add(rounds.stream().flatMap(List::stream)
                    .filter(x -> x.scenario().equals(r.scenario()) && x.target().equals(r.target())).toList());
        }
        return out;
    }

    /**
     * A target's figure against the baseline's, in one scenario: the ratio of the medians, and
     * each round's own ratio (rounds where either side lacks the figure are left out).
     */
    public record Ratio(double ofMedians, List<Double> perRound) {

        public String shown() {
            if (Double.isNaN(ofMedians)) {
                return "-";
            }
            String main = String.format(java.util.Locale.ROOT, "%.2fx", ofMedians);
            if (perRound.size() < 2) {
                return main;
            }
            return main + perRound.stream().map(d -> String.format(java.util.Locale.ROOT, "%.2f", d))
                    .collect(Collectors.joining(" ", " (", ")"));
        }
    }

    /** {@code target}'s figure over {@code baseline}'s, both given round by round (same order). */
    public static Ratio ratio(List<BenchResult> target, List<BenchResult> baseline, Function<BenchResult, Double> figure) {
        Spread t = spread(target, figure);
        Spread b = spread(baseline, figure);
        double ofMedians = b.median() == 0 || Double.isNaN(b.median()) ? Double.NaN : t.median() / b.median();
        List<Double> perRound = new ArrayList<>();
        for (int i = 0; i < Math.min(target.size(), baseline.size()); i++) {
            Double x = figure.apply(target.get(i));
            Double y = figure.apply(baseline.get(i));
            if (x != null && y != null && y != 0 && !x.isNaN() && !y.isNaN()) {
                perRound.add(x / y);
            }
        }
        return new Ratio(ofMedians, perRound);
    }
}
