package org.iolab.bench.report;

import org.iolab.bench.measure.BenchResult;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The columns of a result row, once, for the terminal table, the HTML report and the CSV: each
 * with its headers, its terminal width and its value ({@code null} when not measured). Shown
 * values are rounded and "-" when absent; CSV values are exact and empty when absent.
 *
 * <p>Thread rule: immutable.
 */
final class Columns {

    /**
     * @param header the displayed header
     * @param csv the CSV header
     * @param width the terminal width (negative: left-aligned)
     * @param decimals decimals shown
     * @param value the value: a number, a text, or {@code null}
     */
    record Column(String header, String csv, int width, int decimals, Function<BenchResult, Object> value) {

        String shown(BenchResult r) {
            Object v = value.apply(r);
            if (v instanceof Double d) {
                return d < 0 || d.isNaN() ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", d);
            }
            return v == null ? "-" : v.toString();
        }

        /** The header over rows of {@code app}'s load: over HTTP (1.1 or 2) a message is a request ({@code cpu us/req}). */
        String header(String app) {
            return app.equals("http") || app.equals("h2") ? header.replace("msg", "req") : header;
        }

        String raw(BenchResult r) {
            Object v = value.apply(r);
            if (v instanceof Double d) {
                return d < 0 || d.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", d);
            }
            return v == null ? "" : v.toString();
        }
    }

    static final List<Column> ALL = List.of(
            new Column("server", "target", -14, 0, Columns::server),
            new Column("conns", "conns", 6, 0, r -> r.shape().conns()),
            new Column("idle", "idle", 6, 0, r -> r.shape().idle()),
            new Column("size", "size", 6, 0, r -> r.shape().size()),
            new Column("msg/s", "msg_per_s", 10, 0, r -> t(r, BenchResult.Throughput::messagesPerSecond)),
            new Column("MB/s", "mb_per_s", 8, 1, r -> t(r, BenchResult.Throughput::megabytesPerSecond)),
            new Column("p50 us", "p50_us", 8, 0, r -> l(r, BenchResult.Latency::p50Micros)),
            new Column("p99 us", "p99_us", 8, 0, r -> l(r, BenchResult.Latency::p99Micros)),
            new Column("p999 us", "p999_us", 8, 0, r -> l(r, BenchResult.Latency::p999Micros)),
            new Column("max us", "max_us", 9, 0, r -> l(r, BenchResult.Latency::maxMicros)),
            new Column("cpu us/msg", "server_cpu_us_per_msg", 10, 2, BenchResult::cpuMicrosPerMessage),
            new Column("sys/msg", "syscalls_per_msg", 7, 2, BenchResult::syscallsPerMessage),
            new Column("cs/msg", "switches_per_msg", 6, 2, BenchResult::switchesPerMessage),
            new Column("srv cpu%", "server_cpu_pct", 8, 1, r -> s(r, BenchResult.ServerCost::cpuPercent)),
            new Column("threads", "server_threads", 7, 0, r -> r.server() == null ? null : r.server().threads()),
            new Column("rss MiB", "server_rss_mib", 8, 0, r -> s(r, BenchResult.ServerCost::rssMiB)),
            new Column("heap/conn KiB", "heap_kib_per_conn", 8, 1, r -> r.memory() == null ? null
                    : r.memory().heapKiBPerConnection()),
            new Column("rss/conn KiB", "rss_kib_per_conn", 8, 1, r -> r.memory() == null ? null
                    : r.memory().rssKiBPerConnection()),
            new Column("cli cpu%", "client_cpu_pct", 8, 1, r -> t(r, BenchResult.Throughput::clientCpuPercent)),
            new Column("bad", "mismatches", 5, 0, r -> r.checks().mismatches()),
            new Column("err", "errors", 5, 0, r -> r.checks().errors()),
            new Column("unserved", "unserved", 8, 0, r -> r.checks().unserved()));

    private Columns() {
    }

    /** The target, with the engine that really ran when it differs. */
    static String server(BenchResult r) {
        return r.engineRan().isEmpty() || r.engineRan().equals(r.target()) ? r.target()
                : r.target() + "(" + r.engineRan() + ")";
    }

    private static Double t(BenchResult r, Function<BenchResult.Throughput, Double> f) {
        return r.throughput() == null ? null : f.apply(r.throughput());
    }

    private static Double l(BenchResult r, Function<BenchResult.Latency, Double> f) {
        return r.latency() == null ? null : f.apply(r.latency());
    }

    private static Double s(BenchResult r, Function<BenchResult.ServerCost, Double> f) {
        return r.server() == null ? null : f.apply(r.server());
    }
}
