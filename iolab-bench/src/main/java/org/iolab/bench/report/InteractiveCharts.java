package org.iolab.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.iolab.bench.Compare;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.scenarios.Scenario;
import org.iolab.bench.scenarios.Scenarios;
import org.iolab.bench.scenarios.Sweep;

/**
 * The data of the report's interactive charts (drawn in the page by {@code report.js} on uPlot):
 * a bar per target for each scenario's figure, and a line per target for each sweep's curves;
 * the targets in family order with their {@link Palette} colours. The PNG and SVG files the
 * scenarios draw (XChart) stay beside the report, for pasting elsewhere.
 *
 * <p>Thread rule: stateless.
 */
final class InteractiveCharts {

    /** One target's values: a bar (its own index only) or a line (a value per x, null where none). */
    record Series(String label, String family, String color, boolean dashed, List<Double> values) {
    }

    /** One chart: {@code bars} over {@code categories}, or {@code lines} over {@code x}. */
    record Chart(String id, String title, String kind, String xTitle, String yTitle, boolean logX, boolean logY,
                 List<String> categories, List<Double> x, List<Series> series) {
    }

    private InteractiveCharts() {
    }

    /** The element id of a scenario's or a sweep curve's chart: what a claim's link points at. */
    static String id(String name) {
        return "chart-" + name;
    }

    /** A scenario's figure, a bar per target it drew; {@code null} when no row has the figure. */
    static Chart of(Scenario s, List<BenchResult> rows) {
        Scenario.Figure f = s.figure();
        List<BenchResult> drawn = s.drawn(rows).stream().filter(r -> r.measured() && f.value().apply(r) != null).toList();
        if (drawn.isEmpty()) {
            return null;
        }
        List<String> targets = Palette.ordered(drawn.stream().map(BenchResult::target).distinct().toList());
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            String t = targets.get(i);
            List<Double> values = new ArrayList<>();
            for (int j = 0; j < targets.size(); j++) {
                values.add(j == i ? drawn.stream().filter(r -> r.target().equals(t)).findFirst()
                        .map(f.value()).orElse(null) : null);
            }
            series.add(new Series(t, Palette.family(t).label, Palette.color(t), Palette.dashed(t), values));
        }
        return new Chart(id(s.id()), s.title() + ": " + f.name() + (f.lowerIsBetter() ? " (lower is better)" : ""),
                "bars", "target", f.name(), false, false, targets, List.of(), series);
    }

    /** A sweep's curves, a line per target; none when fewer than two of its points ran. */
    static List<Chart> of(Sweep w, Compare.Outcome o) {
        List<Chart> out = new ArrayList<>();
        if (o.scenarios().stream().filter(w::contains).count() < 2) {
            return out;
        }
        for (Sweep.Curve c : w.curves()) {
            Map<String, double[][]> lines = w.lines(o.scenarios(), o.results(), c);
            if (lines.isEmpty()) {
                continue;
            }
            TreeSet<Double> xs = new TreeSet<>();
            lines.values().forEach(l -> java.util.Arrays.stream(l).forEach(p -> xs.add(p[0])));
            List<Double> x = List.copyOf(xs);
            double min = Double.MAX_VALUE;
            double max = 0;
            List<Series> series = new ArrayList<>();
            for (String t : Palette.ordered(List.copyOf(lines.keySet()))) {
                List<Double> values = new ArrayList<>();
                for (Double at : x) {
                    Double v = java.util.Arrays.stream(lines.get(t)).filter(p -> p[0] == at).map(p -> p[1]).findFirst()
                            .orElse(null);
                    values.add(v);
                    if (v != null) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                series.add(new Series(t, Palette.family(t).label, Palette.color(t), Palette.dashed(t), values));
            }
            out.add(new Chart(id(w.id() + "-" + c.file()), w.title() + ": " + c.name(), "lines", w.xTitle(), c.name(),
                    true, min > 0 && max / min > 100, List.of(), x, series));
        }
        return out;
    }

    /** Every chart of a comparison, sweeps first, as the report shows them. */
    static List<Chart> all(Compare.Outcome o) {
        List<Chart> out = new ArrayList<>();
        for (Sweep w : Scenarios.SWEEPS) {
            out.addAll(of(w, o));
        }
        for (Scenario s : o.scenarios()) {
            Chart c = of(s, Compare.rows(o, s));
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }
}
