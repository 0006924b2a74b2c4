package org.iolab.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iolab.apps.http.Router;

/**
 * The admin page's routes: {@code /} (the dashboard), its script and the chart library (uPlot,
 * served from the jar: the page needs no network), {@code /stats} (the latest sample as JSON),
 * {@code /history} (the last five minutes), {@code /metrics} (Prometheus text) and
 * {@code /events} (a sample a second as server-sent events).
 *
 * <p>Thread rule: shared by the admin server's connections; stateless but for the sampler.
 */
final class AdminRoutes {

    static final ObjectMapper JSON = new ObjectMapper();

    private AdminRoutes() {
    }

    /** The admin page's routes on {@code sampler}. */
    static Router router(Sampler sampler) {
        Assets assets = new Assets("/org/iolab/admin/dashboard.html", "/dashboard.js", "/org/iolab/admin/dashboard.js");
        return assets.addTo(new Router())
                .get("/stats", (req, reply) -> reply.contentType(Assets.JSON).send(json(sampler.latest())))
                .get("/history", (req, reply) -> reply.contentType(Assets.JSON).send(json(sampler.feed().history())))
                .get("/metrics", (req, reply) -> reply.contentType(Metrics.CONTENT_TYPE).send(Metrics.text(sampler.latest())))
                .get("/events", (req, reply) -> EventStream.open(sampler.feed(), reply, AdminRoutes::json));
    }

    static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // records of numbers always serialize
        }
    }
}
