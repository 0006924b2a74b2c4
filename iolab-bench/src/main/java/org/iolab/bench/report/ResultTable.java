package org.iolab.bench.report;

import org.iolab.bench.Compare;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.Rounds;
import org.iolab.bench.scenarios.Scenario;
import java.util.List;

/** Results as an aligned text table for the terminal. Thread rule: stateless. */
public final class ResultTable {

    private ResultTable() {
    }

    public static String header() {
        return header("upper");
    }

    /** The header for rows of {@code app}'s load: over HTTP a message is a request ({@code req/s}, {@code cpu us/req}). */
    public static String header(String app) {
        StringBuilder sb = new StringBuilder();
        Columns.ALL.forEach(c -> sb.append(cell(c, c.header(app))));
        return sb.append(" note\n").toString();
    }

    public static String row(BenchResult r) {
        StringBuilder sb = new StringBuilder();
        Columns.ALL.forEach(c -> sb.append(cell(c, c.shown(r))));
        return sb.append(' ').append(r.note()).append('\n').toString();
    }

    public static String table(List<BenchResult> rows) {
        return table(rows, "upper");
    }

    /** A header and the rows, of {@code app}'s load. */
    public static String table(List<BenchResult> rows, String app) {
        StringBuilder sb = new StringBuilder(header(app));
        rows.forEach(r -> sb.append(row(r)));
        return sb.toString();
    }

    /**
     * The scenario's figure against the baseline, as a line under its table: the ratio of the
     * medians for each target (and the per-round ratios when there were rounds); empty without
     * a baseline row.
     */
    public static String ratios(Compare.Outcome o, Scenario s) {
        List<BenchResult> rows = Compare.rows(o, s);
        String baseline = o.options().baseline();
        List<BenchResult> base = rows.stream().filter(r -> r.target().equals(baseline)).map(o::roundsOf)
                .findFirst().orElse(List.of());
        if (base.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.figure().name() + " vs " + baseline + ":");
        List<BenchResult> drawn = s.drawn(rows);
        rows.stream().filter(r -> !r.target().equals(baseline)).forEach(r -> sb.append(' ').append(r.target()).append(' ')
                .append(drawn.contains(r) ? Rounds.ratio(o.roundsOf(r), base, s.figure().value()).shown()
                        : "- (did not serve the load)").append(';'));
        return sb.toString();
    }

    private static String cell(Columns.Column c, String text) {
        return String.format("%" + c.width() + "s ", text);
    }
}
