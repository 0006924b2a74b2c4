package org.iolab.bench.report;

import org.iolab.admin.Assets;

/**
 * The scripts a report carries inside, so that it opens from a file with no network: uPlot
 * (from its webjar, as the admin dashboard serves it), iolab's shared chart helpers, and the
 * report's own {@code report.js}.
 *
 * <p>Thread rule: stateless.
 */
final class ReportAssets {

    private ReportAssets() {
    }

    static byte[] uplotScript() {
        return Assets.uplotScript();
    }

    static byte[] uplotCss() {
        return Assets.uplotCss();
    }

    static byte[] chartsScript() {
        return Assets.chartsScript();
    }

    static byte[] reportScript() {
        try (java.io.InputStream in = ReportAssets.class.getResourceAsStream("report.js")) {
            if (in == null) {
                throw new IllegalStateException("report.js is missing from the class path beside " + ReportAssets.class);
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
