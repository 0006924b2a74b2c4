package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iolab.admin.HeadlessChromium;
import org.iolab.bench.Compare;
import org.iolab.bench.report.Report;
import org.iolab.bench.live.LiveLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --live} in a real browser: headless Chromium opens the page before the lab
 * starts, and the lab (two engines, two short scenarios, real servers) runs while it watches:
 * every run arrives over the event stream, the tables fill in, the charts draw, the report's
 * link appears and serves the report. A screenshot is left in {@code target/live-lab.png}.
 */
class LiveLabBrowserTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void aPageOpenedBeforeTheLabWatchesItRunToTheReport(@TempDir Path out) throws Exception {
        try (LiveLab live = LiveLab.start("127.0.0.1", 0, out, null)) {
            CompletableFuture<String> dom = new CompletableFuture<>();
            Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    dom.complete(HeadlessChromium.browse(live.url(), 10_000, "--dump-dom"));
                } catch (Exception | AssertionError e) {
                    dom.completeExceptionally(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (live.watching() == 0 && System.nanoTime() < deadline && !dom.isDone()) {
                Thread.sleep(50);
            }
            assertThat(live.watching()).as("the page's event stream is open before the lab starts").isEqualTo(1);
            Compare.Outcome o = new Compare().run(new Compare.Options(List.of("epoll", "threads"), List.of(), true, false,
                    List.of("2", "3"), 1, ""), QUIET, live);
            Report.write(o, out);
            live.reportWritten();
            String page = dom.get(90, TimeUnit.SECONDS);

            // the plan, each of the four runs' start and end, the verdicts, the report: all live
            assertThat(number(page, "data-live")).as("events that came over the stream").isEqualTo(1 + 4 * 2 + 2);
            assertThat(page).contains("the comparison is done").contains("<span id=\"done\">4</span> / <span id=\"total\">4</span>")
                    .doesNotContain("retrying");
            for (String target : List.of("epoll", "threads")) {
                Matcher row = Pattern.compile("<tr data-target=\"" + target + "\" class=\"measured\"><td>" + target
                        + "</td><td>([0-9]+)</td><td>([0-9.]+)</td>").matcher(page);
                assertThat(row.find()).as("a measured row for %s in %s", target, page).isTrue();
                assertThat(Long.parseLong(row.group(1))).as("messages per second").isPositive();
            }
            assertThat(page).contains("class=\"uplot").contains("<a id=\"report\" href=\"/report/report.html\">");
            assertThat(page).contains("1. NOT MEASURED"); // the verdicts are shown
            HttpResponse<String> report = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(live.url() + "report/report.html")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.body()).contains("class=chart id=\"chart-s2-10-active\"").contains("uPlot");
            Path shot = Path.of("target", "live-lab.png").toAbsolutePath();
            HeadlessChromium.browse(live.url(), 5_000, "--window-size=1400,1000", "--screenshot=" + shot);
            assertThat(shot).exists();
        }
    }

    private static long number(String dom, String attribute) {
        Matcher m = Pattern.compile(attribute + "=\"([0-9]+)\"").matcher(dom);
        assertThat(m.find()).as("%s in the rendered page", attribute).isTrue();
        return Long.parseLong(m.group(1));
    }
}
