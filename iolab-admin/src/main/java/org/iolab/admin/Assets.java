package org.iolab.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.iolab.apps.http.DemoRoutes;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;

/**
 * What every live page serves from the jar, so it needs no network: the page itself at
 * {@code /}, its script, and the chart library (uPlot, from its webjar, at
 * {@code /uPlot.iife.min.js} and {@code /uPlot.min.css}, with what iolab's charts share at
 * {@code /charts.js}: axes sized to their labels); a method other than GET or HEAD is
 * answered 405. A page's routes ask this first, then answer their own data.
 *
 * <p>Thread rule: immutable.
 */
public final class Assets {

    public static final byte[] HTML = ascii("text/html; charset=utf-8");
    public static final byte[] JS = ascii("text/javascript");
    public static final byte[] CSS = ascii("text/css");
    public static final byte[] JSON = ascii("application/json");
    private static final byte[] UPLOT_PATH = ascii("/uPlot.iife.min.js");
    private static final byte[] UPLOT_CSS_PATH = ascii("/uPlot.min.css");
    private static final byte[] CHARTS_PATH = ascii("/charts.js");
    private static final byte[] CHARTS = resource("/org/iolab/admin/charts.js");

    private static final byte[] ROOT = ascii("/");

    private final byte[] page;
    private final byte[] scriptPath;
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
        this.scriptPath = ascii(scriptPath);
        this.script = resource(script);
        String dist = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        this.uplot = resource(dist + "uPlot.iife.min.js");
        this.uplotCss = resource(dist + "uPlot.min.css");
    }

    /**
     * Answers a request for the page, its script or the chart library, or with 405 for a method
     * other than GET or HEAD; false when it asks for something else.
     */
    public boolean answer(HttpRequest r, HttpReply reply) {
        if (!r.methodIs(DemoRoutes.GET) && !r.methodIs(DemoRoutes.HEAD)) {
            reply.send(DemoRoutes.NOT_ALLOWED, DemoRoutes.TEXT, DemoRoutes.NOT_ALLOWED_BODY,
                    DemoRoutes.NOT_ALLOWED_BODY.length, DemoRoutes.GET_HEAD);
        } else if (r.pathIs(ROOT)) {
            reply.ok(HTML, page, page.length);
        } else if (r.pathIs(scriptPath)) {
            reply.ok(JS, script, script.length);
        } else if (r.pathIs(UPLOT_PATH)) {
            reply.ok(JS, uplot, uplot.length);
        } else if (r.pathIs(UPLOT_CSS_PATH)) {
            reply.ok(CSS, uplotCss, uplotCss.length);
        } else if (r.pathIs(CHARTS_PATH)) {
            reply.ok(JS, CHARTS, CHARTS.length);
        } else {
            return false;
        }
        return true;
    }

    /** 404, for what a page's routes do not have. */
    public static void notFound(HttpReply reply) {
        reply.send(DemoRoutes.NOT_FOUND, DemoRoutes.TEXT, DemoRoutes.NOT_FOUND_BODY, DemoRoutes.NOT_FOUND_BODY.length, null);
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

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
