package org.iolab.bench.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.iolab.admin.EventFeed;
import org.iolab.admin.HttpSite;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.Compare;
import org.iolab.bench.measure.Json;
import org.iolab.bench.scenarios.Scenario;
import org.iolab.server.Server;

/**
 * {@code iolab compare --live}: the running lab on a page, the way the admin page shows a
 * server. It listens to the comparison ({@link Compare.Listener}) and publishes each step to an
 * {@link EventFeed}: the plan, each run as it starts and ends, the medians and verdicts, and the
 * report once written, which the page then links ({@code /report/report.html}, served from the
 * comparison's output folder).
 *
 * <pre>{@code
 * try (LiveLab live = LiveLab.start("127.0.0.1", 0, out, null)) {
 *     Compare.Outcome o = new Compare().run(options, System.err, live);
 *     Report.write(o, out);
 *     live.reportWritten();
 * }
 * }</pre>
 *
 * <p>Thread rule: the comparison's thread publishes; the page's server reads the feed from its own.
 */
public final class LiveLab implements Compare.Listener, AutoCloseable {

    /** Enough for every event of the largest comparison (20 rounds of a full plan), so a late page sees all. */
    static final int KEEP = 10_000;

    private final EventFeed<Object> feed;
    private final Server server;
    /** The next event's number (the comparison's thread alone publishes). */
    private long seq;

    private LiveLab(EventFeed<Object> feed, Server server) {
        this.feed = feed;
        this.server = server;
    }

    /**
     * Serves the live page on {@code host:port} (0: any free port).
     *
     * @param out the comparison's output folder, whose report the page links once written
     * @param tls HTTPS with this identity, or {@code null} for clear text
     * @throws IOException when the address cannot be bound
     */
    public static LiveLab start(String host, int port, Path out, org.iolab.tls.TlsConfig tls) throws IOException {
        EventFeed<Object> feed = new EventFeed<>(KEEP);
        return new LiveLab(feed, HttpSite.start(host, port, LabRoutes.router(feed, out.toAbsolutePath().normalize()), tls));
    }

    /** The page's address: {@code http://127.0.0.1:9091/}. */
    public String url() {
        return HttpSite.url(server);
    }

    /** How many pages watch the lab now (their event streams open). */
    public int watching() {
        return feed.listeners();
    }

    @Override
    public void planned(Compare.Options o, List<Scenario> scenarios, List<String> targets, int total) {
        publish(new LabEvents.Plan("plan", o.app(), o.quick(), o.rounds(), total,
                scenarios.stream().map(LabEvents.ScenarioView::of).toList(), targets));
    }

    @Override
    public void starting(Scenario scenario, String target, int round, int done, int total) {
        publish(new LabEvents.Starting("starting", scenario.id(), target, round, done, total));
    }

    @Override
    public void finished(Scenario scenario, BenchResult row, int round, int done, int total, double etaSeconds) {
        publish(new LabEvents.Finished("finished", round, done, total, etaSeconds, scenario.summary(row),
                LabEvents.Row.of(scenario, row)));
    }

    @Override
    public void done(Compare.Outcome o) {
        List<LabEvents.Row> medians = o.scenarios().stream()
                .flatMap(s -> Compare.rows(o, s).stream().map(r -> LabEvents.Row.of(s, r))).toList();
        publish(new LabEvents.Done("done", o.options().rounds(), medians, o.claims()));
    }

    /** The report is in the output folder: the page links it. */
    public void reportWritten() {
        publish(new LabEvents.Report("report", "/report/report.html"));
    }

    /**
     * Numbers {@code event} and publishes it: a page that reads the history and the stream both
     * (they overlap when it opens) applies each number once, and refetches the history on a gap.
     */
    private void publish(Object event) {
        feed.publish(new LabEvents.Numbered(seq++, event));
    }

    /** Compact: an event is one {@code data:} line of the stream. */
    private static final ObjectWriter ONE_LINE = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    /** One event (or the history) as the page reads it, on one line. */
    static byte[] json(Object event) {
        try {
            return ONE_LINE.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lab event did not serialize: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
