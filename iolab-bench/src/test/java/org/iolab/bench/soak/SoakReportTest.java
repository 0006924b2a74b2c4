package org.iolab.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The soak's verdict on synthetic samples, on both sides of each limit. */
class SoakReportTest {

    /** {@code seconds} samples: RSS {@code second} MiB in minute 2, ramping to {@code last} MiB in the last minute. */
    static List<ServerSample> samples(int seconds, double secondMinuteMiB, double lastMinuteMiB) {
        List<ServerSample> s = new ArrayList<>();
        for (int t = 0; t < seconds; t++) {
            double mib = t < 60 ? 40 : t < 120 ? secondMinuteMiB : t > seconds - 1 - 60 ? lastMinuteMiB : secondMinuteMiB;
            s.add(new ServerSample(t, (long) (mib * 1024 * 1024), 30));
        }
        return s;
    }

    static SoakReport report(List<ServerSample> s, int before, int after, SoakCounters c) {
        return new SoakReport("nio", s.size() / 60.0, c, Map.of("upper", s), Map.of("upper", before), Map.of("upper", after));
    }

    static SoakCounters served() {
        SoakCounters c = new SoakCounters();
        c.echoMessages.add(1000);
        return c;
    }

    @Test
    void memoryMayGrowUpToTenPercentFromTheSecondMinuteToTheLast() {
        assertThat(report(samples(600, 100, 109), 10, 10, served()).passed()).isTrue();
        assertThat(report(samples(600, 100, 111), 10, 10, served()).failures()).singleElement().asString()
                .contains("11% above the second minute's");
        assertThat(report(samples(600, 100, 80), 10, 10, served()).passed()).as("shrinking is no leak").isTrue();
    }

    @Test
    void memoryIsNotJudgedUnderThreeMinutes() {
        assertThat(SoakReport.rssGrowth(samples(170, 100, 200))).isEmpty();
        assertThat(report(samples(170, 100, 200), 10, 10, served()).passed()).isTrue();
    }

    @Test
    void descriptorsMustComeBackWithinTheSlack() {
        assertThat(report(samples(30, 100, 100), 10, 10 + SoakReport.DESCRIPTOR_SLACK, served()).passed()).isTrue();
        assertThat(report(samples(30, 100, 100), 10, 11 + SoakReport.DESCRIPTOR_SLACK, served()).failures())
                .singleElement().asString().contains("descriptors open after the clients left");
    }

    @Test
    void anyClientProblemFailsAndIsQuoted() {
        SoakCounters c = served();
        c.problem("chat: talker0.3 heard line 9 of talker1.0 after line 7 (lost 1)");
        assertThat(report(samples(30, 100, 100), 10, 10, c).failures()).singleElement().asString()
                .contains("1 client problem(s)").contains("lost 1");
    }

    @Test
    void aSoakThatServedNothingFails() {
        assertThat(report(samples(30, 100, 100), 10, 10, new SoakCounters()).failures())
                .contains("no echo message was served");
    }
}
