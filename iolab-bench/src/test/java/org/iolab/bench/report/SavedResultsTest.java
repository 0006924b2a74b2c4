package org.iolab.bench.report;

import org.iolab.bench.Compare;
import org.iolab.bench.claims.Claims;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.Machine;
import org.iolab.bench.measure.Rounds;
import org.iolab.bench.scenarios.Scenarios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report drawn again from its results.json alone, and two machines side by side. */
class SavedResultsTest {

    static BenchResult row(String target, double cpuPerMsg) {
        return new BenchResult(Scenarios.ACTIVE_100.id(), target, target, new BenchResult.Shape(100, 0, 64),
                new BenchResult.Throughput(5, 500_000, 100_000, 6.4, 40), new BenchResult.Latency(40, 90, 120, 200),
                new BenchResult.ServerCost(10, cpuPerMsg, 50, 15, 80), BenchResult.Checks.NONE, "",
                new BenchResult.Kernel("", 1_000_000L, 20L, Map.of("recvfrom", 500_000L, "sendto", 500_000L), 500_000));
    }

    static Path written(Path dir, double epollCpu, double nioCpu) throws Exception {
        List<List<BenchResult>> rounds = List.of(
                List.of(row("epoll", epollCpu), row("nio", nioCpu)),
                List.of(row("epoll", epollCpu + 1), row("nio", nioCpu + 1)),
                List.of(row("epoll", epollCpu - 1), row("nio", nioCpu - 1)));
        List<BenchResult> medians = Rounds.medians(rounds);
        Compare.Outcome o = new Compare.Outcome(Machine.here(),
                new Compare.Options(List.of("epoll", "nio"), List.of(), false, false, List.of("3"), 3, ""),
                List.of(Scenarios.ACTIVE_100), rounds, medians, Claims.judge(rounds, medians, Duration.ofSeconds(1)));
        Report.write(o, dir);
        return dir.resolve("results.json");
    }

    @Test
    void aReportIsDrawnAgainFromItsJsonWithTheSameFigures(@TempDir Path tmp) throws Exception {
        Path json = written(tmp.resolve("first"), 5, 7);
        Compare.Outcome again = SavedResults.read(List.of(json));
        assertThat(again.rounds()).hasSize(3);
        assertThat(again.results()).extracting(BenchResult::cpuMicrosPerMessage).containsExactly(5.0, 7.0);
        assertThat(again.results().getFirst().syscallsPerMessage()).isEqualTo(2.0);
        assertThat(again.options().baseline()).isEqualTo("epoll");
        assertThat(again.scenarios()).containsExactly(Scenarios.ACTIVE_100);
        Path out = tmp.resolve("redrawn");
        Report.write(again, out);
        assertThat(Files.readString(out.resolve("report.html"))).contains("cpu us/msg vs epoll").contains("1.40x")
                .contains("<small>4.00&ndash;6.00</small>");
    }

    @Test
    void twoMachinesSideBySideNameEachTargetByItsFolder(@TempDir Path tmp) throws Exception {
        Path a = written(tmp.resolve("laptop"), 5, 7);
        Path b = written(tmp.resolve("server"), 10, 12);
        Compare.Outcome both = SavedResults.read(List.of(a, b));
        assertThat(both.results()).extracting(BenchResult::target)
                .containsExactly("epoll@laptop", "nio@laptop", "epoll@server", "nio@server");
        assertThat(both.options().baseline()).isEqualTo("epoll@laptop");
        assertThat(both.claims()).anyMatch(c -> c.evidence().startsWith("[laptop] "))
                .anyMatch(c -> c.evidence().startsWith("[server] "));
        Path out = tmp.resolve("both");
        Report.write(both, out);
        assertThat(Files.readString(out.resolve("report.html"))).contains("laptop: ").contains("server: ")
                .contains("epoll@server").contains("2.00x"); // 10 against 5
    }

    @Test
    void aFileThatIsNotResultsSaysSo(@TempDir Path tmp) throws Exception {
        Path junk = Files.writeString(tmp.resolve("results.json"), "{\"machine\": 3}");
        assertThatThrownBy(() -> SavedResults.read(List.of(junk))).hasMessageContaining("is not a results.json");
        assertThat(SavedResults.labels(List.of(Path.of("/x/a/results.json"), Path.of("/y/a/results.json"))))
                .containsExactly("a", "a-2");
    }
}
