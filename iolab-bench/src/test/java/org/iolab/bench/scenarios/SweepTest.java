package org.iolab.bench.scenarios;

import org.iolab.bench.Compare;
import org.iolab.bench.claims.Claims;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.Machine;
import org.iolab.bench.report.Report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep plan (which runs, in which order, on which server) and how a sweep draws its rows. */
class SweepTest {

    private static final List<String> ENGINES = List.of("blocking", "threads", "poll", "epoll");
    private static final List<String> PEERS = List.of("netty-epoll");

    private static List<String> runs(List<Compare.Run> plan, String target) {
        return plan.stream().filter(r -> r.target().name().equals(target))
                .map(r -> r.scenario().number() + "/" + r.group()).toList();
    }

    @Test
    void aSweepRunsEachTargetsPointsFromTheSmallestUpOnOneServerAndASharedPointOnce() {
        List<Scenario> scenarios = Scenarios.select(List.of("active-sweep", "idle-sweep", "10"));
        assertThat(scenarios).extracting(Scenario::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        List<Compare.Run> plan = Compare.plan(scenarios, ENGINES, PEERS, false);

        assertThat(runs(plan, "blocking")).as("one at a time: not past 100 connections")
                .containsExactly("1/active-sweep", "2/active-sweep", "3/active-sweep", "10/null");
        assertThat(runs(plan, "threads")).containsExactly("1/active-sweep", "2/active-sweep", "3/active-sweep",
                "4/active-sweep", "5/active-sweep", "10/null"); // threads watches no descriptors: no idle sweep
        assertThat(runs(plan, "poll")).containsExactly("1/active-sweep", "2/active-sweep", "3/active-sweep",
                "4/active-sweep", "5/active-sweep", "6/idle-sweep", "7/idle-sweep", "8/idle-sweep", "9/idle-sweep",
                "10/null"); // point 2 (10 active, no idle) is run once, by the active sweep, and shared
        assertThat(runs(plan, "netty-epoll")).contains("6/idle-sweep", "9/idle-sweep");
        // a sweep's points for one target come one after the other (so they can share its server)
        List<String> blocks = new java.util.ArrayList<>();
        plan.stream().filter(r -> "active-sweep".equals(r.group())).map(r -> r.target().name()).forEach(t -> {
            if (blocks.isEmpty() || !blocks.getLast().equals(t)) {
                blocks.add(t);
            }
        });
        assertThat(blocks).containsExactly("blocking", "threads", "poll", "epoll", "netty-epoll");
        // and every target runs a point before the next point's first target: targets alternate per round
        assertThat(plan.stream().filter(r -> r.scenario() == Scenarios.LARGE).map(r -> r.target().name()))
                .containsExactly("blocking", "threads", "poll", "epoll", "netty-epoll");
    }

    @Test
    void quickModeRunsEachTargetsScenariosBackToBackWithSmallerShapes() {
        List<Scenario> quick = Scenarios.select(List.of("idle-sweep")).stream().map(Scenario::quick).toList();
        assertThat(quick).extracting(s -> s.shape().idle()).containsExactly(0, 200, 500, 1200, 2000);
        assertThat(quick).extracting(Scenario::id).containsExactlyElementsOf(
                Scenarios.select(List.of("idle-sweep")).stream().map(Scenario::id).toList());
        List<Compare.Run> plan = Compare.plan(quick, ENGINES, PEERS, true);
        assertThat(plan).extracting(r -> r.target().name())
                .containsExactly("blocking", "threads", "poll", "poll", "poll", "poll", "poll", "epoll", "epoll", "epoll", "epoll",
                        "epoll", "netty-epoll", "netty-epoll", "netty-epoll", "netty-epoll", "netty-epoll");
    }

    @Test
    void sweepsAreSelectedByNameAndAnUnknownNameListsThem() {
        assertThat(Scenarios.select(List.of("idle-sweep"))).containsExactlyElementsOf(Scenarios.IDLE_SWEEP.points());
        assertThatThrownBy(() -> Scenarios.select(List.of("busy-sweep"))).hasMessageContaining("active-sweep")
                .hasMessageContaining("idle-sweep");
    }

    static BenchResult row(Scenario s, String target, double cpu, int unserved) {
        return new BenchResult(s.id(), target, target, s.shape(), new BenchResult.Throughput(1, 1000, 1000, 0.1, 50),
                new BenchResult.Latency(40, 90, 120, 200), new BenchResult.ServerCost(10, cpu, 50, 15, 80),
                new BenchResult.Checks(0, 0, unserved), "");
    }

    @Test
    void aLineHasAPointOnlyWhereItsTargetServedTheWholeLoadAndTargetsOfOnePointAreNotLines(@TempDir Path dir)
            throws Exception {
        List<Scenario> ran = List.of(Scenarios.ACTIVE_10, Scenarios.IDLE_1000, Scenarios.IDLE_5000);
        List<BenchResult> rows = List.of(
                row(Scenarios.ACTIVE_10, "threads", 16, 0), // the shared point: threads is not in the idle sweep
                row(Scenarios.ACTIVE_10, "poll", 10, 0), row(Scenarios.ACTIVE_10, "epoll", 10, 0),
                row(Scenarios.IDLE_5000, "poll", 130, 0), row(Scenarios.IDLE_1000, "poll", 30, 0),
                row(Scenarios.IDLE_1000, "epoll", 11, 0), row(Scenarios.IDLE_5000, "epoll", 12, 3)); // unserved
        Sweep.Curve cpu = Scenarios.IDLE_SWEEP.curves().getFirst();
        var lines = Scenarios.IDLE_SWEEP.lines(ran, rows, cpu);
        assertThat(lines).containsOnlyKeys("poll", "epoll");
        assertThat(lines.get("poll")).isDeepEqualTo(new double[][] {{10, 10}, {1010, 30}, {5010, 130}}); // in x order, whatever the rows' order
        assertThat(lines.get("epoll")).isDeepEqualTo(new double[][] {{10, 10}, {1010, 11}});
        assertThat(Scenarios.IDLE_SWEEP.table(ran, rows)).contains("10      1010      5010")
                .contains("poll                10.0      30.0     130.0").contains("epoll               10.0      11.0         -")
                .doesNotContain("threads");

        Compare.Outcome o = new Compare.Outcome(Machine.here(),
                new Compare.Options(List.of("poll", "epoll", "threads"), List.of(), false, false, List.of(), 1, ""),
                ran, List.of(rows), rows, Claims.evaluate(rows, Duration.ofMillis(500)));
        Report.write(o, dir);
        assertThat(dir.resolve("idle-sweep-cpu.png")).exists();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<h2>Idle sweep</h2>")
                .doesNotContain("<h2>Active sweep</h2>"); // one point of it ran: nothing to draw
    }
}
