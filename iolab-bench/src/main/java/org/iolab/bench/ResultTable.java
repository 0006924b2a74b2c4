package org.iolab.bench;

import java.util.List;

/** Results as an aligned text table for the terminal. Thread rule: stateless. */
public final class ResultTable {

    private ResultTable() {
    }

    public static String header() {
        StringBuilder sb = new StringBuilder();
        Columns.ALL.forEach(c -> sb.append(cell(c, c.header())));
        return sb.append(" note\n").toString();
    }

    public static String row(BenchResult r) {
        StringBuilder sb = new StringBuilder();
        Columns.ALL.forEach(c -> sb.append(cell(c, c.shown(r))));
        return sb.append(' ').append(r.note()).append('\n').toString();
    }

    public static String table(List<BenchResult> rows) {
        StringBuilder sb = new StringBuilder(header());
        rows.forEach(r -> sb.append(row(r)));
        return sb.toString();
    }

    private static String cell(Columns.Column c, String text) {
        return String.format("%" + c.width() + "s ", text);
    }
}
