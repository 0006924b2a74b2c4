package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iolab.admin.HeadlessChromium;
import org.iolab.bench.Compare;
import org.iolab.bench.claims.Claims;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.Json;
import org.iolab.bench.measure.Machine;
import org.iolab.bench.report.Report;
import org.iolab.bench.scenarios.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's charts in a real browser: headless Chromium opens {@code report.html} from its
 * file (no network), the page draws its uPlot charts, the mouse moves over one bar, and the test
 * reads back what the legend then shows: that target's value, the others' none. A screenshot is
 * left in {@code target/report.png}.
 */
class ReportBrowserTest {

    private static BenchResult row(String target, double cpu) {
        return new BenchResult(Scenarios.ACTIVE_100.id(), target, target, new BenchResult.Shape(100, 0, 64),
                new BenchResult.Throughput(1, 1000, 1000, 0.064, 60), new BenchResult.Latency(40, 90, 120, 200),
                new BenchResult.ServerCost(10, cpu, 50, 15, 80), BenchResult.Checks.NONE, "");
    }

    @Test
    void hoveringABarShowsItsTargetsValueInTheLegend(@TempDir Path dir) throws Exception {
        // given in no family order: the chart puts threads first, then the reactors, then the peers
        List<BenchResult> results = List.of(row("netty-epoll", 7.25), row("epoll", 5.5), row("threads", 12.75),
                row("epoll+offload", 6.5));
        Compare.Outcome o = new Compare.Outcome(Machine.here(),
                new Compare.Options(List.of("epoll", "threads"), List.of("netty-epoll"), true, false, List.of(), 1, ""),
                List.of(Scenarios.ACTIVE_100), List.of(results), results, Claims.evaluate(results, Duration.ofMillis(500)));
        Report.write(o, dir);
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<a href=\"#chart-s3-100-active\">chart 3</a>") // claim 6's evidence
                .contains("s3-100-active.png").doesNotContain("<svg");

        String chart = "chart-" + Scenarios.ACTIVE_100.id();
        String dom = HeadlessChromium.browse(dir.resolve("report.html").toUri() + "#hover=" + chart + ":1", 5_000,
                "--window-size=1400,1000", "--dump-dom");
        Matcher m = Pattern.compile("<pre id=\"hovered\" hidden=\"\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("the page wrote what the legend showed:\n" + dom.substring(0, Math.min(2000, dom.length())))
                .isTrue();
        JsonNode hovered = Json.MAPPER.readTree(m.group(1).replace("&quot;", "\""));
        assertThat(hovered.get("idx").asInt()).isEqualTo(1);
        JsonNode shown = hovered.get("shown");
        assertThat(shown.get("target").asText()).isEqualTo("epoll"); // threads, epoll, epoll+offload, netty-epoll
        assertThat(shown.get("epoll").asText()).isEqualTo("5.50");
        assertThat(shown.get("threads").asText()).isEqualTo("-");
        assertThat(shown.get("netty-epoll").asText()).isEqualTo("-");

        Path shot = Path.of("target", "report.png");
        HeadlessChromium.browse(dir.resolve("report.html").toUri().toString(), 3_000, "--window-size=1400,1400",
                "--screenshot=" + shot.toAbsolutePath());
        assertThat(shot).exists();
    }
}
