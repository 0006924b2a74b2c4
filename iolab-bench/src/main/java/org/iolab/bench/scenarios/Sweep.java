package org.iolab.bench.scenarios;

import org.iolab.bench.measure.BenchResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.knowm.xchart.XYChart;

/**
 * A cost curve: load scenarios (its points) that differ in one quantity, connections or idle
 * connections, drawn as one line per target against that quantity. The points are ordinary
 * scenarios with rows of their own (a point may belong to two sweeps); a sweep only groups them,
 * runs them on one server per target and round, from the smallest up (see {@link org.iolab.bench.Compare#plan}),
 * and draws them.
 *
 * <p>Thread rule: immutable.
 */
public final class Sweep {

    /**
     * One figure drawn against the sweep's quantity.
     *
     * @param name the chart's heading and the table's ({@code server CPU us per message})
     * @param value the row's figure, {@code null} when the row lacks it
     * @param file its part of the chart's file name ({@code cpu})
     */
    public record Curve(String name, String file, Function<BenchResult, Double> value) {
    }

    private final String slug;
    private final String title;
    private final String shows;
    private final String xTitle;
    private final ToIntFunction<BenchResult.Shape> x;
    private final List<Scenario> points;
    private final List<Curve> curves;

    /**
     * @param slug its name in files and selectors ({@code active-sweep})
     * @param xTitle what the x axis counts
     * @param x the x value of a row's shape (the connections it asked for, not those it got)
     * @param points its scenarios, from the smallest x up
     * @param curves what it draws, the first also as a table
     */
    Sweep(String slug, String title, String shows, String xTitle, ToIntFunction<BenchResult.Shape> x,
          List<Scenario> points, List<Curve> curves) {
        this.slug = slug;
        this.title = title;
        this.shows = shows;
        this.xTitle = xTitle;
        this.x = x;
        this.points = List.copyOf(points);
        this.curves = List.copyOf(curves);
    }

    /** Its name in files and selectors: {@code active-sweep}. */
    public String id() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String shows() {
        return shows;
    }

    /** What the x axis counts. */
    public String xTitle() {
        return xTitle;
    }

    public List<Scenario> points() {
        return points;
    }

    public List<Curve> curves() {
        return curves;
    }

    /** Whether {@code s} (full or quick) is one of its points. */
    public boolean contains(Scenario s) {
        return points.stream().anyMatch(p -> p.id().equals(s.id()));
    }

    /**
     * The lines of one curve: for each target, its (x, y) points in x order, from the rows the
     * point scenario would draw (never a figure for connections a target did not serve).
     */
    public Map<String, double[][]> lines(List<Scenario> ran, List<BenchResult> rows, Curve curve) {
        Map<String, List<double[]>> byTarget = new LinkedHashMap<>();
        for (Scenario p : ran) {
            if (!contains(p)) {
                continue;
            }
            List<BenchResult> mine = rows.stream().filter(r -> r.scenario().equals(p.id())).toList();
            for (BenchResult r : p.drawn(mine)) {
                Double y = curve.value().apply(r);
                if (y != null && y > 0) {
                    byTarget.computeIfAbsent(r.target(), t -> new ArrayList<>())
                            .add(new double[] {x.applyAsInt(p.shape()), y});
                }
            }
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        List<String> mine = targets(ran, rows);
        byTarget.forEach((t, xy) -> {
            if (!mine.contains(t)) {
                return;
            }
            xy.sort((a, b) -> Double.compare(a[0], b[0]));
            out.put(t, xy.toArray(double[][]::new));
        });
        return out;
    }

    /**
     * The targets the sweep ran on: those with rows at two of its points or more (a point it
     * shares with another sweep has rows of targets this one does not run).
     */
    private List<String> targets(List<Scenario> ran, List<BenchResult> rows) {
        List<String> ids = ran.stream().filter(this::contains).map(Scenario::id).toList();
        Map<String, Long> points = rows.stream().filter(r -> ids.contains(r.scenario()))
                .collect(java.util.stream.Collectors.groupingBy(BenchResult::target, LinkedHashMap::new,
                        java.util.stream.Collectors.counting()));
        return points.entrySet().stream().filter(e -> e.getValue() >= 2).map(Map.Entry::getKey).toList();
    }

    /**
     * Its charts by file name ({@code idle-sweep-cpu}), a line per target, or none when fewer
     * than two of its points ran or nothing was drawn.
     */
    public Map<String, XYChart> charts(List<Scenario> ran, List<BenchResult> rows) {
        Map<String, XYChart> out = new LinkedHashMap<>();
        if (ran.stream().filter(this::contains).count() < 2) {
            return out;
        }
        for (Curve c : curves) {
            Map<String, double[][]> lines = lines(ran, rows, c);
            if (!lines.isEmpty()) {
                out.put(slug + "-" + c.file(), Charts.lines(title + ": " + c.name(), xTitle, c.name(), lines));
            }
        }
        return out;
    }

    /**
     * The first curve as a text table: a row per target, a column per point that ran ({@code -}
     * where the target did not serve that load, or did not run it).
     */
    public String table(List<Scenario> ran, List<BenchResult> rows) {
        List<Scenario> mine = ran.stream().filter(this::contains).toList();
        if (mine.size() < 2) {
            return "";
        }
        Curve c = curves.getFirst();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-14s", c.name() + " at"));
        mine.forEach(p -> sb.append(String.format(Locale.ROOT, "%10d", x.applyAsInt(p.shape()))));
        sb.append("  ").append(xTitle).append('\n');
        for (String t : targets(ran, rows)) {
            sb.append(String.format(Locale.ROOT, "%-14s", t));
            for (Scenario p : mine) {
                List<BenchResult> cell = p.drawn(rows.stream()
                        .filter(r -> r.scenario().equals(p.id()) && r.target().equals(t)).toList());
                Double y = cell.isEmpty() ? null : c.value().apply(cell.getFirst());
                sb.append(y == null ? String.format("%10s", "-") : String.format(Locale.ROOT, "%10.1f", y));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
