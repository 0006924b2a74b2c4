package org.iolab.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;

/**
 * What every live page serves from the jar, so it needs no network: the chart library (uPlot,
 * from its webjar, at {@code /uPlot.iife.min.js} and {@code /uPlot.min.css}), and the pages' own
 * files read from the class path.
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

    private final byte[] uplot;
    private final byte[] uplotCss;

    public Assets() {
        String dist = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        this.uplot = resource(dist + "uPlot.iife.min.js");
        this.uplotCss = resource(dist + "uPlot.min.css");
    }

    /** Answers a request for the chart library; false when it asks for something else. */
    public boolean answer(HttpRequest r, HttpReply reply) {
        if (r.pathIs(UPLOT_PATH)) {
            reply.ok(JS, uplot, uplot.length);
        } else if (r.pathIs(UPLOT_CSS_PATH)) {
            reply.ok(CSS, uplotCss, uplotCss.length);
        } else {
            return false;
        }
        return true;
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
