package org.iolab.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyModesTest {

    /** {@code n} values spread about {@code micros} (within 15 %), as round trips are. */
    private static void around(Histogram h, int n, double micros, SplittableRandom random) {
        for (int i = 0; i < n; i++) {
            h.recordValue(Math.round(micros * (0.85 + 0.3 * random.nextDouble())));
        }
    }

    @Test
    void oneConnectionsTwoPlacementsAreTwoModesWithTheirShares() {
        Histogram h = new Histogram(60_000_000L, 3);
        SplittableRandom random = new SplittableRandom(1);
        around(h, 6200, 10, random);
        around(h, 3800, 70, random);
        LatencyModes m = LatencyModes.of(h);
        assertThat(m).isNotNull();
        assertThat(m.lowMicros()).isBetween(8.0, 12.0);
        assertThat(m.highMicros()).as(m.toString()).isBetween(60.0, 81.0);
        assertThat(m.lowShare()).isCloseTo(0.62, org.assertj.core.data.Offset.offset(0.01));
        assertThat(m.highShare()).isCloseTo(0.38, org.assertj.core.data.Offset.offset(0.01));
        assertThat(m.toString()).startsWith("two modes: 62% near ");
    }

    @Test
    void oneModeWithATailIsOneMode() {
        Histogram h = new Histogram(60_000_000L, 3);
        SplittableRandom random = new SplittableRandom(2);
        around(h, 9000, 65, random);
        for (int i = 0; i < 1000; i++) { // a long tail, falling off
            h.recordValue(80 + (long) (400 * random.nextDouble() * random.nextDouble()));
        }
        assertThat(LatencyModes.of(h)).isNull();
    }

    @Test
    void aFewOutliersFarAwayAreNotASecondMode() {
        Histogram h = new Histogram(60_000_000L, 3);
        SplittableRandom random = new SplittableRandom(3);
        around(h, 9500, 10, random);
        around(h, 500, 70, random); // 5 %: under the share a mode needs
        assertThat(LatencyModes.of(h)).isNull();
    }

    @Test
    void modesCloserThanTwiceApartAreOne() {
        Histogram h = new Histogram(60_000_000L, 3);
        SplittableRandom random = new SplittableRandom(4);
        around(h, 5000, 40, random);
        around(h, 5000, 60, random);
        assertThat(LatencyModes.of(h)).isNull();
    }

    @Test
    void tooFewValuesSayNothing() {
        Histogram h = new Histogram(60_000_000L, 3);
        around(h, 40, 10, new SplittableRandom(5));
        around(h, 40, 70, new SplittableRandom(6));
        assertThat(LatencyModes.of(h)).isNull();
    }
}
