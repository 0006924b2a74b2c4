package org.iolab.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Medians, ranges and ratios over rounds. */
class RoundsTest {

    static BenchResult row(String target, double msgPerSec, Double cpuPerMsg, int unserved, String note) {
        return new BenchResult("s2-100-active", target, target, new BenchResult.Shape(100, 0, 64),
                new BenchResult.Throughput(5, (long) (msgPerSec * 5), msgPerSec, msgPerSec * 64 / 1e6, 40),
                new BenchResult.Latency(msgPerSec / 1000, 2 * msgPerSec / 1000, 3 * msgPerSec / 1000, 4 * msgPerSec / 1000),
                new BenchResult.ServerCost(100, cpuPerMsg, 50, 12, 80), new BenchResult.Checks(0, 0, unserved), note);
    }

    @Test
    void theMedianOfAnOddCountIsTheMiddleAndOfAnEvenCountTheMeanOfTheMiddleTwo() {
        assertThat(Rounds.median(3, 1, 2)).isEqualTo(2);
        assertThat(Rounds.median(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(Rounds.median(7)).isEqualTo(7);
        assertThat(Rounds.median()).isNaN();
    }

    @Test
    void aMedianRowTakesEachFiguresMedianTheWorstChecksAndEveryNote() {
        BenchResult m = Rounds.median(List.of(row("epoll", 100_000, 5.0, 0, ""), row("epoll", 90_000, 7.0, 2, "slow start"),
                row("epoll", 120_000, 6.0, 0, "")));
        assertThat(m.throughput().messagesPerSecond()).isEqualTo(100_000);
        assertThat(m.cpuMicrosPerMessage()).isEqualTo(6.0);
        assertThat(m.latency().p99Micros()).isEqualTo(200);
        assertThat(m.checks().unserved()).as("the worst round's").isEqualTo(2);
        assertThat(m.note()).isEqualTo("slow start");
    }

    @Test
    void aFigureSomeRoundsLackIsTheMedianOfThoseThatHaveIt() {
        Rounds.Spread sp = Rounds.spread(List.of(row("epoll", 1, 4.0, 0, ""), row("epoll", 1, null, 0, ""),
                row("epoll", 1, 8.0, 0, "")), BenchResult::cpuMicrosPerMessage);
        assertThat(sp.rounds()).isEqualTo(2);
        assertThat(sp.median()).isEqualTo(6.0);
        assertThat(sp.min()).isEqualTo(4.0);
        assertThat(sp.max()).isEqualTo(8.0);
        assertThat(sp.relativeRange()).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(Rounds.spread(List.of(row("epoll", 1, null, 0, "")), BenchResult::cpuMicrosPerMessage).median()).isNaN();
    }

    @Test
    void aRatioIsTheRatioOfTheMediansWithEachRoundsOwnRatio() {
        List<BenchResult> nio = List.of(row("nio", 1, 6.0, 0, ""), row("nio", 1, 8.0, 0, ""), row("nio", 1, 7.0, 0, ""));
        List<BenchResult> epoll = List.of(row("epoll", 1, 5.0, 0, ""), row("epoll", 1, 4.0, 0, ""), row("epoll", 1, 6.0, 0, ""));
        Rounds.Ratio r = Rounds.ratio(nio, epoll, BenchResult::cpuMicrosPerMessage);
        assertThat(r.ofMedians()).isCloseTo(7.0 / 5.0, within(1e-9));
        assertThat(r.perRound()).containsExactly(6.0 / 5, 8.0 / 4, 7.0 / 6);
        assertThat(r.shown()).isEqualTo("1.40x (1.20 2.00 1.17)");
        assertThat(Rounds.ratio(nio.subList(0, 1), epoll.subList(0, 1), BenchResult::cpuMicrosPerMessage).shown())
                .isEqualTo("1.20x");
        List<BenchResult> unmeasured = List.of(row("x", 1, null, 0, ""));
        assertThat(Rounds.ratio(nio, unmeasured, BenchResult::cpuMicrosPerMessage).shown()).isEqualTo("-");
    }

    @Test
    void mediansFoldEveryRoundIntoOneRowPerRunInTheFirstRoundsOrder() {
        List<List<BenchResult>> rounds = List.of(
                List.of(row("epoll", 100, 5.0, 0, ""), row("nio", 80, 6.0, 0, "")),
                List.of(row("epoll", 120, 4.0, 0, ""), row("nio", 70, 7.0, 0, "")),
                List.of(row("epoll", 110, 6.0, 0, ""), row("nio", 90, 8.0, 0, "")));
        List<BenchResult> m = Rounds.medians(rounds);
        assertThat(m).extracting(BenchResult::target).containsExactly("epoll", "nio");
        assertThat(m).extracting(r -> r.throughput().messagesPerSecond()).containsExactly(110.0, 80.0);
    }
}
