package org.iolab.bench.report;

import org.iolab.bench.Compare;
import org.iolab.bench.claims.Claims;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.Json;
import org.iolab.bench.measure.Machine;
import org.iolab.bench.measure.Rounds;
import org.iolab.bench.peers.Target;
import org.iolab.bench.scenarios.Scenario;
import org.iolab.bench.scenarios.Scenarios;
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

    static BenchResult unserved(String scenario, String target) {
        return new BenchResult(scenario, target, target, new BenchResult.Shape(100, 0, 64),
                new BenchResult.Throughput(1, 1000, 1000, 0.064, 60), new BenchResult.Latency(40, 90, 120, 200),
                new BenchResult.ServerCost(10, 10.0, 50, 3, 80), new BenchResult.Checks(0, 0, 99), "");
    }

    @Test
    void everyResultAndClaimLandsInEveryFile(@TempDir Path dir) throws Exception {
        List<BenchResult> results = List.of(
                row(Scenarios.ACTIVE_100.id(), "epoll", 5.5, ""),
                row(Scenarios.ACTIVE_100.id(), "netty-epoll", 7.25, "a <note> & more"),
                row(Scenarios.IDLE_5000.id(), "select", -1, "refused: descriptors past 1024 (FD_SETSIZE)"));
        List<Scenario> scenarios = List.of(Scenarios.ACTIVE_100, Scenarios.IDLE_5000);
        Compare.Outcome o = new Compare.Outcome(Machine.here(),
                new Compare.Options(List.of("epoll", "select"), List.of("netty-epoll"), true, false, List.of(), 1, ""),
                scenarios, List.of(results), results, Claims.evaluate(results, Duration.ofMillis(500)));
        Report.write(o, dir);

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("id=\"chart-s3-100-active\"").contains("netty-epoll").contains("7.25").contains("5.50")
                .contains("a &lt;note&gt; &amp; more").contains("refused: descriptors past 1024")
                .contains("Claims").contains("not measured").contains("not for comparisons")
                .containsPattern("peers on Netty 4\\.2\\.\\d+\\.Final") // the version the peers ran
                .containsPattern("iolab's TLS on JDK \\d+\\S* SSLEngine"); // and what served iolab's TLS
        String json = Files.readString(dir.resolve("results.json"));
        assertThat(json).contains("\"target\" : \"netty-epoll\"").contains("\"claims\"").contains("\"machine\"");
        assertThat(Json.MAPPER.readTree(json).get("results").size()).isEqualTo(3);
        assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(4);
        assertThat(dir.resolve(Scenarios.ACTIVE_100.id() + ".png")).exists();
        assertThat(dir.resolve(Scenarios.ACTIVE_100.id() + ".svg")).exists();
        assertThat(dir.resolve(Scenarios.IDLE_5000.id() + ".png")).exists();
    }

    @Test
    void roundsShowMediansWithTheirRangeRatiosToTheBaselineAndEveryRoundInTheFiles(@TempDir Path dir) throws Exception {
        List<List<BenchResult>> rounds = List.of(
                List.of(row(Scenarios.ACTIVE_100.id(), "epoll", 5.0, ""), row(Scenarios.ACTIVE_100.id(), "nio", 6.0, "")),
                List.of(row(Scenarios.ACTIVE_100.id(), "epoll", 4.0, ""), row(Scenarios.ACTIVE_100.id(), "nio", 8.0, "")),
                List.of(row(Scenarios.ACTIVE_100.id(), "epoll", 6.0, ""), row(Scenarios.ACTIVE_100.id(), "nio", 7.0, "")));
        List<BenchResult> medians = Rounds.medians(rounds);
        Compare.Outcome o = new Compare.Outcome(Machine.here(),
                new Compare.Options(List.of("epoll", "nio"), List.of(), false, false, List.of(), 3, ""),
                List.of(Scenarios.ACTIVE_100), rounds, medians, Claims.judge(rounds, medians, Duration.ofMillis(500)));
        Report.write(o, dir);

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("3 rounds").contains("cpu us/msg vs epoll")
                .contains("5.00").contains("<small>4.00&ndash;6.00</small>") // epoll: median 5, range 4-6
                .contains("7.00").contains("<small>6.00&ndash;8.00</small>") // nio: median 7, range 6-8
                .contains("1.40x (1.20 2.00 1.17)"); // 7/5, then 6/5, 8/4, 7/6
        assertThat(ResultTable.ratios(o, Scenarios.ACTIVE_100)).isEqualTo("cpu us/msg vs epoll: nio 1.40x (1.20 2.00 1.17);");
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(csv).hasSize(1 + 6 + 2);
        assertThat(csv.get(1)).startsWith(Scenarios.ACTIVE_100.id() + ",1,epoll");
        assertThat(csv.get(7)).startsWith(Scenarios.ACTIVE_100.id() + ",median,epoll");
        assertThat(Json.MAPPER.readTree(Files.readString(dir.resolve("results.json"))).get("rounds").size()).isEqualTo(3);
    }

    @Test
    void aServerThatDidNotServeEveryConnectionIsNotDrawnAndTheReportSaysWhy(@TempDir Path dir) throws Exception {
        List<BenchResult> results = List.of(row(Scenarios.ACTIVE_100.id(), "epoll", 5.5, ""), unserved(Scenarios.ACTIVE_100.id(), "blocking"));
        assertThat(Scenarios.ACTIVE_100.drawn(results)).extracting(BenchResult::target).containsExactly("epoll");
        Compare.Outcome o = new Compare.Outcome(Machine.here(),
                new Compare.Options(List.of("epoll", "blocking"), List.of(), true, false, List.of(), 1, ""),
                List.of(Scenarios.ACTIVE_100), List.of(results), results, Claims.evaluate(results, Duration.ofMillis(500)));
        Report.write(o, dir);
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("Not drawn").contains("blocking (99 of 100 connections unserved)");
    }

    @Test
    void aScenarioWhoseEveryRunFailedHasItsTableAndNoChart(@TempDir Path dir) throws Exception {
        List<BenchResult> results = List.of(Scenarios.ACTIVE_100.notRun(Target.of("epoll"), "could not run: server epoll did not start"),
                Scenarios.IDLE_CPU.notRun(Target.of("epoll"), "could not run: server epoll did not start"));
        Compare.Outcome o = new Compare.Outcome(Machine.here(),
                new Compare.Options(List.of("epoll"), List.of(), true, false, List.of(), 1, ""),
                List.of(Scenarios.ACTIVE_100, Scenarios.IDLE_CPU), List.of(results), results,
                Claims.evaluate(results, Duration.ofMillis(500)));
        Report.write(o, dir);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("3. 100 active connections, 64 B")
                .contains("could not run: server epoll did not start");
        assertThat(dir.resolve(Scenarios.ACTIVE_100.id() + ".svg")).doesNotExist();
    }
}
