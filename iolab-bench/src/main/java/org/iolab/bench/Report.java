package org.iolab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;

/**
 * Writes a comparison to a folder: {@code results.json}, {@code results.csv}, one chart per
 * scenario (PNG and SVG) and {@code report.html}, which embeds the SVG charts and needs no
 * network to open.
 *
 * <p>Thread rule: stateless.
 */
public final class Report {

    private Report() {
    }

    public static void write(Compare.Outcome o, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", o.machine());
        json.put("options", o.options());
        json.put("scenarios", o.scenarios());
        json.put("results", o.results());
        json.put("claims", o.claims());
        Json.MAPPER.writeValue(dir.resolve("results.json").toFile(), json);
        Files.writeString(dir.resolve("results.csv"), csv(o.results()));
        Map<String, String> svgs = new LinkedHashMap<>();
        for (Scenario s : o.scenarios()) {
            List<BenchResult> rows = rows(o, s);
            if (rows.isEmpty()) {
                continue;
            }
            CategoryChart chart = chart(s, rows);
            Path base = dir.resolve(s.id());
            BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            String svg = Files.readString(dir.resolve(s.id() + ".svg"), StandardCharsets.UTF_8);
            svgs.put(s.id(), svg.substring(Math.max(0, svg.indexOf("<svg"))));
        }
        Files.writeString(dir.resolve("report.html"), html(o, svgs));
    }

    static List<BenchResult> rows(Compare.Outcome o, Scenario s) {
        return o.results().stream().filter(r -> r.scenario().equals(s.id())).toList();
    }

    /** What each scenario's chart shows. */
    private static CategoryChart chart(Scenario s, List<BenchResult> rows) {
        String yTitle;
        List<Double> ys = new ArrayList<>();
        List<Double> ys2 = new ArrayList<>();
        String series2 = null;
        switch (s.kind()) {
            case IDLE_CPU -> {
                yTitle = "server CPU %";
                rows.forEach(r -> ys.add(Math.max(0, r.serverCpuPercent())));
            }
            case ONE_AT_A_TIME -> {
                yTitle = "second client's wait (ms)";
                rows.forEach(r -> ys.add(Math.max(0, r.p50Micros() / 1000)));
            }
            default -> {
                if (s.conns() == 1) {
                    yTitle = "latency (us): p50 and p99";
                    rows.forEach(r -> ys.add(Math.max(0, r.p50Micros())));
                    rows.forEach(r -> ys2.add(Math.max(0, r.p99Micros())));
                    series2 = "p99";
                } else {
                    yTitle = "server CPU us per message";
                    rows.forEach(r -> ys.add(Math.max(0, r.serverCpuMicrosPerMessage())));
                }
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(420).title(s.title())
                .xAxisTitle("server").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(series2 != null);
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> xs = rows.stream().map(BenchResult::target).toList();
        chart.addSeries(series2 == null ? yTitle : "p50", xs, ys);
        if (series2 != null) {
            chart.addSeries(series2, xs, ys2);
        }
        return chart;
    }

    static String csv(List<BenchResult> results) {
        StringBuilder sb = new StringBuilder("scenario,target,engine_ran,conns,idle,size,seconds,messages,msg_per_s,"
                + "mb_per_s,p50_us,p99_us,p999_us,max_us,server_cpu_ms,server_cpu_us_per_msg,server_cpu_pct,"
                + "server_threads,server_rss_mib,client_cpu_pct,mismatches,errors,unserved,note\n");
        for (BenchResult r : results) {
            sb.append(String.join(",", r.scenario(), r.target(), r.engineRan(), i(r.conns()), i(r.idle()), i(r.size()),
                    d(r.seconds()), Long.toString(r.messages()), d(r.messagesPerSecond()), d(r.megabytesPerSecond()),
                    d(r.p50Micros()), d(r.p99Micros()), d(r.p999Micros()), d(r.maxMicros()), d(r.serverCpuMillis()),
                    d(r.serverCpuMicrosPerMessage()), d(r.serverCpuPercent()), i(r.serverThreads()),
                    d(r.serverRssMiB()), d(r.clientCpuPercent()), Long.toString(r.mismatches()),
                    Long.toString(r.errors()), i(r.unserved()), "\"" + r.note().replace("\"", "'") + "\"")).append('\n');
        }
        return sb.toString();
    }

    private static String i(int v) {
        return Integer.toString(v);
    }

    private static String d(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String html(Compare.Outcome o, Map<String, String> svgs) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>iolab compare</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;font-size:13px}")
                .append("td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}td:first-child,th:first-child{text-align:left}")
                .append("td.note{text-align:left;color:#555}.holds{color:#060}.does{color:#a00}.not{color:#666}")
                .append("</style></head><body><h1>iolab compare: one protocol, every IO model</h1>");
        Machine m = o.machine();
        h.append("<p>Machine: ").append(esc(m.cpu())).append(", ").append(m.cores()).append(" cores, kernel ")
                .append(esc(m.kernel())).append(", ").append(esc(m.jdk())).append(". Runs: ")
                .append(o.options().quick() ? "quick (short windows)" : "full").append(", ")
                .append(o.options().pin() ? "server pinned to CPU 0 with one event loop, load on the other CPUs"
                        : "not pinned (server and load share the CPUs)")
                .append(". The server under test is always its own process; every reply was verified byte by byte "
                        + "(column 'bad' counts mismatches). 'ran' is the engine that really ran.</p>");
        h.append("<h2>Claims</h2><table><tr><th>#</th><th>claim</th><th>evidence</th><th>verdict</th></tr>");
        for (Claims.Claim c : o.claims()) {
            String cls = c.verdict().equals(Claims.HOLDS) ? "holds" : c.verdict().equals(Claims.NOT_MEASURED) ? "not" : "does";
            h.append("<tr><td>").append(c.number()).append("</td><td class=note>").append(esc(c.text()))
                    .append("</td><td class=note>").append(esc(c.evidence())).append("</td><td class=").append(cls)
                    .append("><b>").append(esc(c.verdict())).append("</b></td></tr>");
        }
        h.append("</table>");
        for (Scenario s : o.scenarios()) {
            List<BenchResult> rows = rows(o, s);
            if (rows.isEmpty()) {
                continue;
            }
            h.append("<h2>").append(esc(s.title())).append("</h2>");
            if (svgs.containsKey(s.id())) {
                h.append("<div>").append(svgs.get(s.id())).append("</div>");
            }
            h.append("<table><tr>");
            for (String col : new String[] {"server", "ran", "conns", "idle", "size", "msg/s", "MB/s", "p50 us", "p99 us",
                    "p999 us", "max us", "cpu us/msg", "srv cpu %", "threads", "rss MiB", "client cpu %", "bad", "err",
                    "unserved", "note"}) {
                h.append("<th>").append(col).append("</th>");
            }
            h.append("</tr>");
            for (BenchResult r : rows) {
                h.append("<tr>");
                for (String v : new String[] {r.target(), r.engineRan(), i(r.conns()), i(r.idle()), i(r.size()),
                        n(r.messagesPerSecond(), 0), n(r.megabytesPerSecond(), 1), n(r.p50Micros(), 0), n(r.p99Micros(), 0),
                        n(r.p999Micros(), 0), n(r.maxMicros(), 0), n(r.serverCpuMicrosPerMessage(), 2),
                        n(r.serverCpuPercent(), 1), r.serverThreads() < 0 ? "-" : i(r.serverThreads()),
                        n(r.serverRssMiB(), 0), n(r.clientCpuPercent(), 1), Long.toString(r.mismatches()),
                        Long.toString(r.errors()), i(r.unserved())}) {
                    h.append("<td>").append(esc(v)).append("</td>");
                }
                h.append("<td class=note>").append(esc(r.note())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<p>Files beside this report: results.json, results.csv, one PNG and SVG chart per scenario.</p>")
                .append("</body></html>\n");
        return h.toString();
    }

    private static String n(double v, int decimals) {
        return v < 0 || Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
