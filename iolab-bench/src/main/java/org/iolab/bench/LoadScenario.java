package org.iolab.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;

/**
 * A closed-loop load (see {@link LoadGenerator}): active connections exchanging messages,
 * perhaps among idle ones. Its chart is server CPU per message, or latency for one connection
 * (one connection is wake-up bound: CPU per message says little there).
 *
 * <p>Thread rule: immutable.
 */
final class LoadScenario extends Scenario {

    private final int quickIdle;

    /** @param quickIdle idle connections in quick mode (less than {@code idle}, where that takes long) */
    LoadScenario(int number, String slug, String title, String shows, int conns, int idle, int size, int quickIdle) {
        super(number, slug, title, shows, new BenchResult.Shape(conns, idle, size));
        this.quickIdle = quickIdle;
    }

    @Override
    public Scenario quick() {
        if (quickIdle == shape().idle()) {
            return this;
        }
        String t = title().substring(title().indexOf(". ") + 2).replace(Integer.toString(shape().idle()),
                Integer.toString(quickIdle)) + " (quick)";
        return new LoadScenario(number(), id().substring(id().indexOf('-') + 1), t, shows(), shape().conns(),
                quickIdle, shape().size(), quickIdle);
    }

    @Override
    public BenchResult run(Target target, RunContext context) throws IOException, InterruptedException {
        BenchResult.Shape s = shape();
        Bench.Spec spec = new Bench.Spec(s.conns(), s.idle(), s.size(), context.warmup, context.window, context.pin,
                context.loops, 1);
        return context.withServer(target, server -> new Bench().measure(id(), target, server, spec));
    }

    @Override
    public String summary(BenchResult r) {
        if (r.messages() == 0 && !r.note().isEmpty()) {
            return r.note();
        }
        return String.format(Locale.ROOT, "%.0f msg/s, %.2f us cpu/msg", r.throughput().messagesPerSecond(),
                Charts.or(r.cpuMicrosPerMessage()));
    }

    @Override
    public Figure figure() {
        return shape().conns() == 1
                ? new Figure("p50 us", r -> r.latency() == null ? null : r.latency().p50Micros(), true)
                : new Figure("cpu us/msg", BenchResult::cpuMicrosPerMessage, true);
    }

    @Override
    public List<BenchResult> drawn(List<BenchResult> rows) {
        return rows.stream().filter(r -> r.messages() > 0 && r.checks().unserved() == 0).toList();
    }

    @Override
    public CategoryChart chart(List<BenchResult> rows) {
        rows = drawn(rows);
        Map<String, ToDoubleFunction<BenchResult>> series = new LinkedHashMap<>();
        if (shape().conns() == 1) {
            series.put("p50", r -> r.latency() == null ? -1 : r.latency().p50Micros());
            series.put("p99", r -> r.latency() == null ? -1 : r.latency().p99Micros());
            return Charts.bars(title(), "latency (us): p50 and p99", rows, series);
        }
        series.put("server CPU us per message", r -> Charts.or(r.cpuMicrosPerMessage()));
        return Charts.bars(title(), "server CPU us per message", rows, series);
    }
}
