package org.iolab.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.iolab.apps.http.Router;

/**
 * What every live page serves from the jar, so it needs no network: the page itself at
 * {@code /}, its script, and the chart library (uPlot, from its webjar, at
 * {@code /uPlot.iife.min.js} and {@code /uPlot.min.css}, with what iolab's charts share at
 * {@code /charts.js}: axes sized to their labels), as GET routes of the page's {@link Router}
 * (HEAD by them; another method is 405, as the router answers).
 *
 * <p>Thread rule: immutable.
 */
public final class Assets {

    public static final String HTML = "text/html; charset=utf-8";
    public static final String JS = "text/javascript";
    public static final String CSS = "text/css";
    public static final String JSON = "application/json";
    private static final byte[] CHARTS = resource("/org/iolab/admin/charts.js");

    private final byte[] page;
    private final String scriptPath;
    private final byte[] script;
    private final byte[] uplot;
    private final byte[] uplotCss;

    /**
     * @param page the page's HTML on the class path ({@code /org/iolab/admin/dashboard.html})
     * @param scriptPath where the page asks for its script ({@code /dashboard.js})
     * @param script the script on the class path
     */
    public Assets(String page, String scriptPath, String script) {
        this.page = resource(page);
        this.scriptPath = scriptPath;
        this.script = resource(script);
        this.uplot = uplotScript();
        this.uplotCss = uplotCss();
    }

    /** Adds the page, its script and the chart library to {@code router} (GET, and HEAD by it). */
    public Router addTo(Router router) {
        return router.get("/", (req, reply) -> reply.contentType(HTML).send(page))
                .get(scriptPath, (req, reply) -> reply.contentType(JS).send(script))
                .get("/uPlot.iife.min.js", (req, reply) -> reply.contentType(JS).send(uplot))
                .get("/uPlot.min.css", (req, reply) -> reply.contentType(CSS).send(uplotCss))
                .get("/charts.js", (req, reply) -> reply.contentType(JS).send(CHARTS));
    }

    /** uPlot's script, for a page that carries it inside (a lab report opened from a file). */
    public static byte[] uplotScript() {
        return resource("/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.iife.min.js");
    }

    /** uPlot's style sheet. */
    public static byte[] uplotCss() {
        return resource("/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.min.css");
    }

    /** What iolab's charts share ({@code charts.js}: axes sized to their labels). */
    public static byte[] chartsScript() {
        return CHARTS.clone();
    }

    /** A file of the class path ({@code /org/iolab/admin/dashboard.html}), which must be there. */
    public static byte[] resource(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the class path: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String uplotVersion() {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = Assets.class.getResourceAsStream("/org/iolab/admin/admin.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("admin.properties missing from the jar", e);
        }
        return p.getProperty("uplot.version");
    }
}
