package org.iolab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Claim verdicts from synthetic results. */
class ClaimsTest {

    static BenchResult load(Scenario s, String target, double cpu, long mismatches) {
        return new BenchResult(s.id(), target, target, s.shape(), new BenchResult.Throughput(5, 500_000, 100_000, 6.4, 50),
                new BenchResult.Latency(600, 900, 1200, 2000), new BenchResult.ServerCost(1000, cpu, 50, 16, 90),
                new BenchResult.Checks(mismatches, 0, 0), "");
    }

    static Claims.Claim claim6(List<BenchResult> rs) {
        return Claims.evaluate(rs, Duration.ofMillis(300)).get(5);
    }

    @Test
    void asyncIoHoldsWhenTheCompletionEngineServedByteExact() {
        Claims.Claim c = claim6(List.of(load(Scenarios.ACTIVE_100, "iouring", 6.3, 0), load(Scenarios.ACTIVE_100, "epoll", 7.2, 0)));
        assertThat(c.number()).isEqualTo(6);
        assertThat(c.verdict()).isEqualTo(Claims.HOLDS);
        assertThat(c.evidence()).contains("iouring never calls recv or send").contains("6.30").contains("epoll").contains("7.20");
    }

    @Test
    void asyncIoDoesNotHoldWhenTheCompletionEngineCorrupted() {
        assertThat(claim6(List.of(load(Scenarios.ACTIVE_100, "iouring", 6.3, 3))).verdict()).isEqualTo(Claims.DOES_NOT_HOLD);
    }

    @Test
    void asyncIoIsNotMeasuredWithoutIoUringNio2DoesNotCount() {
        Claims.Claim c = claim6(List.of(load(Scenarios.ACTIVE_100, "nio2", 8.0, 0)));
        assertThat(c.verdict()).isEqualTo(Claims.NOT_MEASURED);
        assertThat(c.evidence()).contains("nio2 is a Proactor emulated over epoll");
    }
}
