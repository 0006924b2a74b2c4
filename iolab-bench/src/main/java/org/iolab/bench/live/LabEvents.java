package org.iolab.bench.live;

import org.iolab.bench.report.Report;
import java.util.List;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.claims.Claims;
import org.iolab.bench.scenarios.Scenario;

/**
 * What the live page of a comparison is told, one record per kind, as JSON objects whose
 * {@code type} names the kind. The page draws from these alone: a figure is sent with its row,
 * so the page need not know what each scenario measures.
 *
 * <p>Thread rule: immutable records.
 */
final class LabEvents {

    private LabEvents() {
    }

    /** An event and its number, from 0 in the order published. */
    record Numbered(long seq, Object event) {
    }

    /** A scenario as the page heads it: its figure is what its chart draws. */
    record ScenarioView(String id, String title, String shows, String figure, boolean lowerIsBetter) {
        static ScenarioView of(Scenario s) {
            return new ScenarioView(s.id(), s.title(), s.shows(), s.figure().name(), s.figure().lowerIsBetter());
        }
    }

    /** A row and the figure its scenario is about ({@code null} when the row lacks it). */
    record Row(String scenario, String target, Double figure, BenchResult row) {
        static Row of(Scenario s, BenchResult r) {
            return new Row(s.id(), r.target(), s.figure().value().apply(r), r);
        }
    }

    /** What will run. */
    record Plan(String type, String app, boolean quick, int rounds, int total, List<ScenarioView> scenarios,
                List<String> targets) {
    }

    /** A run starts ({@code done} runs before it). */
    record Starting(String type, String scenario, String target, int round, int done, int total) {
    }

    /** A run's row. */
    record Finished(String type, int round, int done, int total, double etaSeconds, String summary, Row row) {
    }

    /** Every round ran: one row per run (the medians) and the claims. */
    record Done(String type, int rounds, List<Row> medians, List<Claims.Claim> claims) {
    }

    /** The report is written, at {@code url}. */
    record Report(String type, String url) {
    }
}
