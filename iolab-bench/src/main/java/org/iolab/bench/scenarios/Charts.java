package org.iolab.bench.scenarios;

import org.iolab.bench.measure.BenchResult;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Charts in the lab's one style: bars (a bar per server, one series or more) and lines (a line
 * per server, for a sweep). Thread rule: stateless.
 */
public final class Charts {

    private Charts() {
    }

    /** A bar per row, one series per entry of {@code series} (name to value; negative values draw as 0). */
    static CategoryChart bars(String title, String yTitle, List<BenchResult> rows,
                              Map<String, ToDoubleFunction<BenchResult>> series) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(420).title(title)
                .xAxisTitle("server").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> xs = rows.stream().map(BenchResult::target).toList();
        series.forEach((name, f) -> chart.addSeries(name, xs,
                rows.stream().map(r -> Math.max(0, f.applyAsDouble(r))).toList()));
        return chart;
    }

    /**
     * System calls per message, a stacked bar per server: one layer per call that any of them
     * made (read, recvfrom, epoll_wait, io_uring_enter, ...), and "other" for the rest.
     */
    public static CategoryChart syscalls(String title, List<BenchResult> rows) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(420).title(title)
                .xAxisTitle("server").yAxisTitle("system calls per message").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> xs = rows.stream().map(BenchResult::target).toList();
        java.util.Set<String> calls = new java.util.LinkedHashSet<>();
        rows.forEach(r -> calls.addAll(r.kernel().calls().keySet()));
        for (String call : calls) {
            List<Double> ys = rows.stream().map(r -> r.kernel().perMessage(call)).toList();
            if (ys.stream().anyMatch(y -> y >= 0.005)) {
                chart.addSeries(call, xs, ys);
            }
        }
        chart.addSeries("other", xs, rows.stream().map(r -> Math.max(0, r.syscallsPerMessage()
                - r.kernel().calls().keySet().stream().mapToDouble(c -> r.kernel().perMessage(c)).sum())).toList());
        return chart;
    }

    /**
     * A line per server over a logarithmic x axis (a sweep's 1 to 5000 connections), each line
     * its {@code (x, y)} points in x order; y logarithmic too when the lines span more than an
     * order of magnitude (a log axis labels only the powers of ten). Only positive values reach
     * here (a log axis has no zero).
     */
    static XYChart lines(String title, String xTitle, String yTitle, Map<String, double[][]> lines) {
        double max = lines.values().stream().flatMap(java.util.Arrays::stream).mapToDouble(p -> p[1]).max().orElse(1);
        double min = lines.values().stream().flatMap(java.util.Arrays::stream).mapToDouble(p -> p[1]).min().orElse(1);
        boolean logY = max / min > 20;
        XYChart chart = new XYChartBuilder().width(900).height(420).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        lines.forEach((name, xy) -> {
            double[] xs = new double[xy.length];
            double[] ys = new double[xy.length];
            for (int i = 0; i < xy.length; i++) {
                xs[i] = xy[i][0];
                ys[i] = xy[i][1];
            }
            chart.addSeries(name, xs, ys);
        });
        return chart;
    }

    /** A value or -1 when absent, for the charts and tables. */
    public static double or(Double v) {
        return v == null ? -1 : v;
    }
}
