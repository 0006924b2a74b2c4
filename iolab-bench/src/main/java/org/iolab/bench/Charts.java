package org.iolab.bench;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Bar charts in the lab's one style: a bar per server, one series or more. Thread rule: stateless. */
final class Charts {

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
    static CategoryChart syscalls(String title, List<BenchResult> rows) {
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

    /** A value or -1 when absent, for the charts and tables. */
    static double or(Double v) {
        return v == null ? -1 : v;
    }
}
