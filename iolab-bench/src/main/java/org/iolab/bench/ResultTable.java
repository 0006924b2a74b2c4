package org.iolab.bench;

import java.util.List;
import java.util.Locale;

/** Results as an aligned text table for the terminal. Thread rule: stateless. */
public final class ResultTable {

    private static final String FORMAT = "%-14s %6s %6s %6s %10s %8s %8s %8s %8s %9s %9s %8s %7s %8s %8s %5s %5s  %s%n";

    private ResultTable() {
    }

    public static String header() {
        return String.format(Locale.ROOT, FORMAT, "server", "conns", "idle", "size", "msg/s", "MB/s",
                "p50 us", "p99 us", "p999 us", "max us", "cpu us/msg", "srv cpu%", "threads", "rss MiB",
                "cli cpu%", "bad", "err", "note");
    }

    public static String row(BenchResult r) {
        String name = r.engineRan().isEmpty() || r.engineRan().equals(r.target())
                ? r.target() : r.target() + "(" + r.engineRan() + ")";
        return String.format(Locale.ROOT, FORMAT, name, r.conns(), r.idle(), r.size(),
                num(r.messagesPerSecond(), 0), num(r.megabytesPerSecond(), 1), num(r.p50Micros(), 0),
                num(r.p99Micros(), 0), num(r.p999Micros(), 0), num(r.maxMicros(), 0),
                num(r.serverCpuMicrosPerMessage(), 2), num(r.serverCpuPercent(), 1),
                r.serverThreads() < 0 ? "-" : Integer.toString(r.serverThreads()), num(r.serverRssMiB(), 0),
                num(r.clientCpuPercent(), 1), r.mismatches(), r.errors(), r.note());
    }

    public static String table(List<BenchResult> rows) {
        StringBuilder sb = new StringBuilder(header());
        rows.forEach(r -> sb.append(row(r)));
        return sb.toString();
    }

    private static String num(double v, int decimals) {
        if (v < 0 || Double.isNaN(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
