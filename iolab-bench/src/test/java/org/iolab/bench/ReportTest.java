package org.iolab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report writer keeps every result: HTML, JSON, CSV and a chart per scenario. */
class ReportTest {

    static BenchResult row(String scenario, String target, double cpuPerMsg, String note) {
        return new BenchResult(scenario, target, target, new BenchResult.Shape(100, 0, 64),
                new BenchResult.Throughput(1, 1000, 1000, 0.064, 60), new BenchResult.Latency(40, 90, 120, 200),
                new BenchResult.ServerCost(10, cpuPerMsg < 0 ? null : cpuPerMsg, 50, 15, 80),
                BenchResult.Checks.NONE, note);
    }

    @Test
    void everyResultAndClaimLandsInEveryFile(@TempDir Path dir) throws Exception {
        List<BenchResult> results = List.of(
                row("s2-100-active", "epoll", 5.5, ""),
                row("s2-100-active", "netty-epoll", 7.25, "a <note> & more"),
                row("s4-10-among-5000-idle", "select", -1, "refused: descriptors past 1024 (FD_SETSIZE)"));
        List<Scenario> scenarios = List.of(Scenarios.ACTIVE_100, Scenarios.IDLE_5000);
        Compare.Outcome o = new Compare.Outcome(Machine.here(),
                new Compare.Options(List.of("epoll", "select"), List.of("netty-epoll"), true, false, List.of()),
                scenarios, results, Claims.evaluate(results, Duration.ofMillis(500)));
        Report.write(o, dir);

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<svg").contains("netty-epoll").contains("7.25").contains("5.50")
                .contains("a &lt;note&gt; &amp; more").contains("refused: descriptors past 1024")
                .contains("Claims").contains("not measured");
        String json = Files.readString(dir.resolve("results.json"));
        assertThat(json).contains("\"target\" : \"netty-epoll\"").contains("\"claims\"").contains("\"machine\"");
        assertThat(Json.MAPPER.readTree(json).get("results").size()).isEqualTo(3);
        assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(4);
        assertThat(dir.resolve("s2-100-active.png")).exists();
        assertThat(dir.resolve("s2-100-active.svg")).exists();
        assertThat(dir.resolve("s4-10-among-5000-idle.png")).exists();
    }
}
