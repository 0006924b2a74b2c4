package org.iolab.bench.report;

import org.iolab.admin.Assets;
import org.iolab.bench.Compare;
import org.iolab.bench.claims.Claims;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.Json;
import org.iolab.bench.measure.Machine;
import org.iolab.bench.measure.Rounds;
import org.iolab.bench.scenarios.Charts;
import org.iolab.bench.scenarios.Scenario;
import org.iolab.bench.scenarios.Scenarios;
import org.iolab.bench.scenarios.Sweep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a comparison to a folder: {@code results.json}, {@code results.csv}, one chart per
 * scenario (PNG and SVG, drawn by the scenario), the sweeps' line charts, and
 * {@code report.html}, whose charts are interactive (uPlot, {@link InteractiveCharts}: values on
 * hover, lines hidden and shown by target or family, each claim linked to its evidence) and
 * which carries its scripts and data inside, so it needs no network to open.
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
        json.put("scenarios", o.scenarios().stream().map(Scenario::info).toList());
        json.put("results", o.results());
        json.put("rounds", o.rounds());
        json.put("claims", o.claims());
        Json.MAPPER.writeValue(dir.resolve("results.json").toFile(), json);
        Files.writeString(dir.resolve("results.csv"), csv(o));
        Map<String, List<String>> files = new LinkedHashMap<>(); // the static images of each scenario and sweep
        for (Scenario s : o.scenarios()) {
            List<BenchResult> rows = Compare.rows(o, s);
            if (rows.isEmpty()) {
                continue;
            }
            if (s.drawn(rows).stream().noneMatch(BenchResult::measured)) {
                continue; // nothing to draw (every run failed, or none served the load): the table says why
            }
            List<String> names = new ArrayList<>(List.of(save(s.chart(rows), dir, s.id())));
            List<BenchResult> counted = s.drawn(rows).stream().filter(r -> r.syscallsPerMessage() != null).toList();
            if (!counted.isEmpty()) {
                names.add(save(Charts.syscalls(s.title() + ": system calls per message", counted), dir, s.id() + "-syscalls"));
            }
            files.put(s.id(), names);
        }
        for (Sweep w : Scenarios.SWEEPS) {
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, XYChart> chart : w.charts(o.scenarios(), o.results()).entrySet()) {
                names.add(save(chart.getValue(), dir, chart.getKey()));
            }
            if (!names.isEmpty()) {
                files.put(w.id(), names);
            }
        }
        Files.writeString(dir.resolve("report.html"), html(o, files));
    }

    /** Writes {@code chart} as {@code name}.png and .svg, for pasting elsewhere; returns {@code name}. */
    private static String save(Chart<?, ?> chart, Path dir, String name) throws IOException {
        Path base = dir.resolve(name);
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return name;
    }

    /** Every round's rows (round 1, 2, ...), then the medians (round {@code median}) when there were rounds. */
    static String csv(Compare.Outcome o) {
        StringBuilder sb = new StringBuilder("scenario,round,engine_ran");
        Columns.ALL.forEach(c -> sb.append(',').append(c.csv()));
        sb.append(",note\n");
        for (int i = 0; i < o.rounds().size(); i++) {
            csvRows(sb, Integer.toString(i + 1), o.rounds().get(i));
        }
        if (o.rounds().size() > 1) {
            csvRows(sb, "median", o.results());
        }
        return sb.toString();
    }

    private static void csvRows(StringBuilder sb, String round, List<BenchResult> rows) {
        for (BenchResult r : rows) {
            sb.append(r.scenario()).append(',').append(round).append(',').append(r.engineRan());
            Columns.ALL.forEach(c -> sb.append(',').append(c.raw(r)));
            sb.append(",\"").append(r.note().replace("\"", "'")).append("\"\n");
        }
    }

    private static String html(Compare.Outcome o, Map<String, List<String>> files) throws IOException {
        List<InteractiveCharts.Chart> charts = InteractiveCharts.all(o);
        java.util.Set<String> drawnIds = new java.util.HashSet<>(charts.stream().map(InteractiveCharts.Chart::id).toList());
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>iolab compare</title><style>")
                .append(new String(Assets.uplotCss(), StandardCharsets.UTF_8))
                .append(".chart{margin:1em 0}.families button{margin-right:6px;font-size:12px}.families button.off"
                        + "{opacity:.45;text-decoration:line-through}.static{font-size:12px;color:#555}")
                .append("body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;font-size:13px}")
                .append("td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}td:first-child,th:first-child{text-align:left}")
                .append("td.note{text-align:left;color:#555}p.note{color:#555}.holds{color:#060}.does{color:#a00}.not{color:#666}")
                .append("</style></head><body><h1>iolab compare: one protocol, every IO model</h1>");
        Machine m = o.machine();
        h.append("<p>Machine: ").append(esc(m.cpu())).append(", ").append(m.cores()).append(" cores, kernel ")
                .append(esc(m.kernel())).append(", ").append(esc(m.jdk()))
                .append(m.peers() == null || o.options().peers().isEmpty() ? "" : "; peers on " + esc(m.peers()))
                .append(m.tls() == null ? "" : "; iolab's TLS on " + esc(m.tls()))
                .append(". Runs: ")
                .append(o.options().quick() ? "quick (one round of short windows: a smoke test, its figures are not for "
                        + "comparisons)" : "full, " + o.options().rounds() + " round" + (o.options().rounds() > 1
                        ? "s, every target once per round, alternating; each figure is the median of the rounds, "
                        + "with their range beneath" : "")).append(", ")
                .append(o.options().pin() ? "server pinned to CPU 0 with one event loop, load on the other CPUs"
                        : "not pinned (server and load share the CPUs)")
                .append(". The server under test is always its own process; every reply was verified byte by byte "
                        + "(column 'bad' counts mismatches). 'ran' is the engine that really ran.</p>");
        h.append("<h2>Claims</h2><table><tr><th>#</th><th>claim</th><th>evidence</th><th>verdict</th></tr>");
        for (Claims.Claim c : o.claims()) {
            String cls = c.verdict().equals(Claims.HOLDS) ? "holds"
                    : c.verdict().equals(Claims.DOES_NOT_HOLD) ? "does" : "not";
            String links = Claims.evidence(c.number()).stream()
                    .filter(s -> drawnIds.contains(InteractiveCharts.id(s.id())))
                    .map(s -> "<a href=\"#" + InteractiveCharts.id(s.id()) + "\">chart " + s.number() + "</a>")
                    .collect(java.util.stream.Collectors.joining(", "));
            h.append("<tr><td>").append(c.number()).append("</td><td class=note>").append(esc(c.text()))
                    .append("</td><td class=note>").append(esc(c.evidence()))
                    .append(links.isEmpty() ? "" : "<br>evidence: " + links).append("</td><td class=").append(cls)
                    .append("><b>").append(esc(c.verdict())).append("</b></td></tr>");
        }
        h.append("</table>");
        for (Sweep w : Scenarios.SWEEPS) {
            if (files.containsKey(w.id())) {
                h.append("<h2>").append(esc(w.title())).append("</h2><p>").append(esc(w.shows()))
                        .append(". Each line is one target; a point is the median of the rounds; a target that did not "
                                + "serve a point's load has no point there. The figures are in the tables of the "
                                + "scenarios below.</p>");
                InteractiveCharts.of(w, o).forEach(c -> h.append("<div class=chart id=\"").append(c.id()).append("\"></div>"));
                h.append(staticImages(files.get(w.id()))).append("<pre>")
                        .append(esc(w.table(o.scenarios(), o.results()))).append("</pre>");
            }
        }
        for (Scenario s : o.scenarios()) {
            List<BenchResult> rows = Compare.rows(o, s);
            if (rows.isEmpty()) {
                continue;
            }
            h.append("<h2>").append(esc(s.title())).append("</h2><p>").append(esc(s.shows())).append("</p>");
            if (drawnIds.contains(InteractiveCharts.id(s.id()))) {
                h.append("<div class=chart id=\"").append(InteractiveCharts.id(s.id())).append("\"></div>");
            }
            if (files.containsKey(s.id())) {
                h.append(staticImages(files.get(s.id())));
            }
            List<BenchResult> drawn = s.drawn(rows);
            String left = rows.stream().filter(r -> !drawn.contains(r))
                    .map(r -> r.target() + (r.messages() == 0 ? " (served nothing)"
                            : " (" + r.checks().unserved() + " of " + r.shape().conns() + " connections unserved)"))
                    .collect(java.util.stream.Collectors.joining(", "));
            if (!left.isEmpty()) {
                h.append("<p class=note>Not drawn, since their figures do not cover the load asked for: ")
                        .append(esc(left)).append(".</p>");
            }
            String baseline = o.options().baseline();
            List<BenchResult> base = drawn.stream().filter(r -> r.target().equals(baseline)).map(o::roundsOf)
                    .findFirst().orElse(List.of());
            Scenario.Figure figure = s.figure();
            h.append("<table><tr><th>server</th><th>ran</th>");
            Columns.ALL.stream().skip(1).forEach(c -> h.append("<th>").append(esc(c.header(s.app()))).append("</th>"));
            if (!base.isEmpty()) {
                h.append("<th>").append(esc(figure.name())).append(" vs ").append(esc(baseline))
                        .append(" (per round)</th>");
            }
            h.append("<th>note</th></tr>");
            for (BenchResult r : rows) {
                List<BenchResult> each = o.roundsOf(r);
                h.append("<tr><td>").append(esc(r.target())).append("</td><td>").append(esc(r.engineRan())).append("</td>");
                Columns.ALL.stream().skip(1).forEach(c -> h.append("<td>").append(esc(c.shown(r)))
                        .append(range(c, each)).append("</td>"));
                if (!base.isEmpty()) {
                    h.append("<td>").append(drawn.contains(r) ? esc(Rounds.ratio(each, base, figure.value()).shown())
                            : "-").append("</td>");
                }
                h.append("<td class=note>").append(esc(r.note())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<p>Files beside this report: results.json, results.csv, one PNG and SVG chart per scenario.</p>")
                .append("<pre id=hovered hidden></pre><script>")
                .append(new String(Assets.uplotScript(), StandardCharsets.UTF_8)).append("</script><script>")
                .append(new String(Assets.chartsScript(), StandardCharsets.UTF_8)).append("</script><script>")
                .append("window.IOLAB_REPORT = ").append(Json.MAPPER.writeValueAsString(Map.of("charts", charts))
                        .replace("</", "<\\/")).append(";</script><script>")
                .append(new String(Assets.resource("/org/iolab/bench/report/report.js"), StandardCharsets.UTF_8)).append("</script>")
                .append("</body></html>\n");
        return h.toString();
    }

    /** Links to a chart's PNG and SVG files, for people who paste them elsewhere. */
    private static String staticImages(List<String> names) {
        return "<p class=static>As images: " + names.stream().map(n -> n + " (<a href=\"" + n + ".png\">PNG</a>, <a href=\""
                + n + ".svg\">SVG</a>)").collect(java.util.stream.Collectors.joining("; ")) + "</p>";
    }

    /** A numeric column's range over the rounds, beneath its median; nothing for one round. */
    private static String range(Columns.Column c, List<BenchResult> each) {
        if (each.size() < 2 || !(c.value().apply(each.getFirst()) instanceof Double)) {
            return "";
        }
        Rounds.Spread sp = Rounds.spread(each, r -> (Double) c.value().apply(r));
        if (sp.rounds() < 2 || sp.min() == sp.max()) {
            return "";
        }
        String f = "%." + c.decimals() + "f";
        return "<br><small>" + String.format(java.util.Locale.ROOT, f + "&ndash;" + f, sp.min(), sp.max()) + "</small>";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
