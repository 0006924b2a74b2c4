package org.iolab.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.iolab.apps.http.DemoRoutes;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.HttpRoutes;
import org.iolab.protocol.Transport;

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
    private static final byte[] HTML = ascii("text/html; charset=utf-8");
    private static final byte[] JS = ascii("text/javascript");
    private static final byte[] CSS = ascii("text/css");
    private static final byte[] JSON_TYPE = ascii("application/json");
    private static final byte[] METRICS_TYPE = ascii(Metrics.CONTENT_TYPE);
    private static final byte[] EVENTS_TYPE = ascii("text/event-stream");
    /** A dashboard that does not read its events is let go past this much pending output. */
    private static final long STREAM_CAP = 1024 * 1024;

    private final Sampler sampler;
    private final byte[] page = resource("/org/iolab/admin/dashboard.html");
    private final byte[] script = resource("/org/iolab/admin/dashboard.js");
    private final byte[] uplot;
    private final byte[] uplotCss;

    AdminRoutes(Sampler sampler) {
        this.sampler = sampler;
        String dist = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        this.uplot = resource(dist + "uPlot.iife.min.js");
        this.uplotCss = resource(dist + "uPlot.min.css");
    }

    @Override
    public void answer(HttpRequest r, HttpReply reply) {
        if (!r.methodIs(DemoRoutes.GET) && !r.methodIs(DemoRoutes.HEAD)) {
            reply.send(DemoRoutes.NOT_ALLOWED, DemoRoutes.TEXT, DemoRoutes.NOT_ALLOWED_BODY,
                    DemoRoutes.NOT_ALLOWED_BODY.length, DemoRoutes.GET_HEAD);
        } else if (r.pathIs(ascii("/"))) {
            reply.ok(HTML, page, page.length);
        } else if (r.pathIs(ascii("/dashboard.js"))) {
            reply.ok(JS, script, script.length);
        } else if (r.pathIs(ascii("/uPlot.iife.min.js"))) {
            reply.ok(JS, uplot, uplot.length);
        } else if (r.pathIs(ascii("/uPlot.min.css"))) {
            reply.ok(CSS, uplotCss, uplotCss.length);
        } else if (r.pathIs(ascii("/stats"))) {
            byte[] body = json(sampler.latest());
            reply.ok(JSON_TYPE, body, body.length);
        } else if (r.pathIs(ascii("/history"))) {
            byte[] body = json(sampler.history());
            reply.ok(JSON_TYPE, body, body.length);
        } else if (r.pathIs(ascii("/metrics"))) {
            byte[] body = Metrics.text(sampler.latest());
            reply.ok(METRICS_TYPE, body, body.length);
        } else if (r.pathIs(ascii("/events"))) {
            sampler.listen(new Events(reply.stream(EVENTS_TYPE)));
        } else {
            reply.send(DemoRoutes.NOT_FOUND, DemoRoutes.TEXT, DemoRoutes.NOT_FOUND_BODY,
                    DemoRoutes.NOT_FOUND_BODY.length, null);
        }
    }

    /** One dashboard's event stream: a sample a second until it leaves (or stops reading). */
    private final class Events implements Consumer<Sample> {
        private final Transport out;

        Events(Transport out) {
            this.out = out;
        }

        @Override
        public void accept(Sample s) {
            if (!out.isOpen()) {
                sampler.unlisten(this);
            } else if (out.bufferedBytes() > STREAM_CAP) {
                sampler.unlisten(this);
                out.dropAsSlowConsumer();
            } else {
                byte[] data = json(s);
                ByteBuffer event = ByteBuffer.allocate(data.length + 8);
                event.put(ascii("data: ")).put(data).put(ascii("\n\n")).flip();
                out.write(event);
            }
        }
    }

    static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // records of numbers always serialize
        }
    }

    private static String uplotVersion() {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = AdminRoutes.class.getResourceAsStream("/org/iolab/admin/admin.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("admin.properties missing from the jar", e);
        }
        return p.getProperty("uplot.version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = AdminRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the class path: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
