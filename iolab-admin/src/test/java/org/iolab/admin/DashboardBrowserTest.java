package org.iolab.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iolab.apps.Apps;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium}; {@code .ci/run}
 * installs it) opens the admin page of a server under load, runs its scripts, and the test reads
 * the page it rendered: events arrived and the numbers moved. A screenshot is left in
 * {@code target/dashboard.png} for a person to look at.
 */
class DashboardBrowserTest {

    /**
     * The page in headless Chromium. Bounded: the page is asked to stop listening after a few
     * events ({@code ?events=N}), so the browser's virtual time can run out.
     */
    private static String browse(String url, String... args) throws Exception {
        return HeadlessChromium.browse(url, 10_000, args);
    }

    private static long number(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">([0-9.]+)<").matcher(dom);
        assertThat(m.find()).as("%s in the rendered page", id).isTrue();
        return Math.round(Double.parseDouble(m.group(1)));
    }

    @Test
    void theDashboardOfALoadedServerShowsNumbersThatMove() throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        try (Server server = Server.start(ServerConfig.builder().engine("nio").port(0).build(), Apps.create("upper", false));
             AdminServer admin = AdminServer.start("127.0.0.1", 0, server::stats)) {
            Thread load = Thread.ofPlatform().daemon(true).start(() -> { // a steady trickle, for as long as the test looks
                byte[] line = "hello dashboard\n".getBytes(StandardCharsets.US_ASCII);
                while (loading.get()) {
                    try (Socket s = new Socket("127.0.0.1", server.port())) {
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        for (int i = 0; i < 200 && loading.get(); i++) {
                            out.write(line);
                            in.readNBytes(line.length);
                            Thread.sleep(5);
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            String dom = browse(admin.url() + "?events=4", "--dump-dom");
            assertThat(number(dom, "events")).as("server-sent events received").isEqualTo(4);
            assertThat(number(dom, "changes")).as("events whose counters moved").isGreaterThanOrEqualTo(1);
            assertThat(number(dom, "accepted")).isGreaterThanOrEqualTo(1);
            assertThat(dom).contains("class=\"uplot");
            Path shot = Path.of("target", "dashboard.png").toAbsolutePath();
            browse(admin.url() + "?events=4", "--window-size=1400,1000", "--screenshot=" + shot);
            assertThat(shot).exists();
            loading.set(false);
            load.join(5000);
        }
    }

    /**
     * Over HTTPS with a self-signed certificate: Chromium refuses the page until the certificate's
     * public key is pinned ({@code --ignore-certificate-errors-spki-list}), then renders it and
     * its event stream flows over TLS.
     */
    @Test
    void theDashboardOpensOverHttpsOnceTheSelfSignedCertificateIsPinned() throws Exception {
        org.iolab.certs.ServerIdentity id = org.iolab.certs.SelfSigned.localhost(java.time.Duration.ofDays(1));
        try (Server server = Server.start(ServerConfig.builder().engine("nio").port(0).build(), Apps.create("upper", false));
             AdminServer admin = AdminServer.start("127.0.0.1", 0, server::stats, id.tlsConfig())) {
            assertThat(admin.url()).startsWith("https://");
            String refused = browse(admin.url() + "?events=2", "--dump-dom");
            assertThat(refused).as("an untrusted certificate: no dashboard").doesNotContain("id=\"events\"");
            String dom = browse(admin.url() + "?events=2", "--dump-dom", "--ignore-certificate-errors-spki-list=" + id.spkiSha256());
            assertThat(number(dom, "events")).as("server-sent events received over TLS").isEqualTo(2);
            assertThat(server.stats().tlsHandshakes()).as("the page's server is the admin one, not this").isZero();
            Path shot = Path.of("target", "dashboard-https.png").toAbsolutePath();
            browse(admin.url() + "?events=2", "--window-size=1400,1000", "--screenshot=" + shot,
                    "--ignore-certificate-errors-spki-list=" + id.spkiSha256());
            assertThat(shot).exists();
        }
    }

    /**
     * Every chart's y axis is as wide as its widest tick label, read back from the page as
     * uPlot drew it: the reads chart fed 250,000 reads a second shows the whole label, where a
     * fixed 50 px axis clipped it to "0,000".
     */
    @Test
    void everyYAxisIsAsWideAsItsWidestTickLabel() throws Exception {
        try (Server server = Server.start(ServerConfig.builder().engine("nio").port(0).build(), Apps.create("upper", false));
             AdminServer admin = AdminServer.start("127.0.0.1", 0, server::stats);
             ChromiumPage page = ChromiumPage.open(admin.url() + "?events=1", "--window-size=1400,1000")) {
            page.await("document.getElementById('events').textContent === '1'", java.time.Duration.ofSeconds(30));
            page.evaluate("const t = Date.now() / 1000; iolabCharts.plots[1].setData([[t - 2, t - 1, t], "
                    + "[200000, 250000, 180000]]); iolabCharts.plots[4].setData([[t - 2, t - 1, t], [1234.5, 1300, 1250]]); 1");
            com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(page.evaluate("JSON.stringify(iolabCharts.axisReport())"));
            assertThat(report).hasSize(7); // the dashboard's charts
            for (com.fasterxml.jackson.databind.JsonNode chart : report) {
                assertThat(chart.get("size").asInt()).as("%s: labels %s", chart.get("title"), chart.get("labels"))
                        .isGreaterThanOrEqualTo(chart.get("needs").asInt());
            }
            assertThat(report.get(1).get("title").asText()).isEqualTo("reads per second");
            assertThat(report.get(1).get("labels").toString()).containsPattern("\\d{3},\\d{3}");
            page.screenshot(Path.of("target", "dashboard-axes.png").toAbsolutePath());
        }
    }

    /**
     * Over HTTPS Chromium takes the dashboard by HTTP/2, and its event stream (a response that
     * never ends, on the same connection: a browser multiplexes one origin) keeps flowing.
     */
    @Test
    void overHttpsTheDashboardAndItsEventsComeByHttp2() throws Exception {
        org.iolab.certs.ServerIdentity id = org.iolab.certs.SelfSigned.localhost(java.time.Duration.ofDays(1));
        try (Server server = Server.start(ServerConfig.builder().engine("nio").port(0).build(), Apps.create("upper", false));
             AdminServer admin = AdminServer.start("127.0.0.1", 0, server::stats, id.tlsConfig());
             ChromiumPage page = ChromiumPage.open(admin.url() + "?events=3",
                     "--ignore-certificate-errors-spki-list=" + id.spkiSha256())) {
            page.await("document.getElementById('events').textContent === '3'", java.time.Duration.ofSeconds(30));
            assertThat(page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol")).isEqualTo("h2");
        }
    }
}
