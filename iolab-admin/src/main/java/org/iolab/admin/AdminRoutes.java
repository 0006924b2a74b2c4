package org.iolab.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.HttpRoutes;

/**
 * The admin page's routes: {@code /} (the dashboard), its script and the chart library (uPlot,
 * served from the jar: the page needs no network), {@code /stats} (the latest sample as JSON),
 * {@code /history} (the last five minutes), {@code /metrics} (Prometheus text) and
 * {@code /events} (a sample a second as server-sent events).
 *
 * <p>Thread rule: shared by the admin server's connections; stateless but for the sampler.
 */
final class AdminRoutes implements HttpRoutes {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] METRICS_TYPE = Assets.ascii(Metrics.CONTENT_TYPE);

    private final Sampler sampler;
    private final Assets assets = new Assets("/org/iolab/admin/dashboard.html", "/dashboard.js",
            "/org/iolab/admin/dashboard.js");

    AdminRoutes(Sampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public void answer(HttpRequest r, HttpReply reply) {
        if (assets.answer(r, reply)) {
            return;
        } else if (r.pathIs(STATS)) {
            byte[] body = json(sampler.latest());
            reply.ok(Assets.JSON, body, body.length);
        } else if (r.pathIs(HISTORY)) {
            byte[] body = json(sampler.feed().history());
            reply.ok(Assets.JSON, body, body.length);
        } else if (r.pathIs(METRICS)) {
            byte[] body = Metrics.text(sampler.latest());
            reply.ok(METRICS_TYPE, body, body.length);
        } else if (r.pathIs(EVENTS)) {
            EventStream.open(sampler.feed(), reply, AdminRoutes::json);
        } else {
            Assets.notFound(reply);
        }
    }

    private static final byte[] STATS = Assets.ascii("/stats");
    private static final byte[] HISTORY = Assets.ascii("/history");
    private static final byte[] METRICS = Assets.ascii("/metrics");
    private static final byte[] EVENTS = Assets.ascii("/events");

    static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // records of numbers always serialize
        }
    }
}
