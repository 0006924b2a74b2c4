package org.iolab.bench.soak;

import org.iolab.bench.measure.LiveHeap;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The soak's verdict on synthetic samples, on both sides of each limit. */
class SoakReportTest {

    static final long MIB = 1L << 20;

    /** {@code seconds} samples: RSS {@code second} MiB up to the last minute, then {@code last} MiB; live heap 10 MiB. */
    static List<ServerSample> samples(int seconds, double secondMinuteMiB, double lastMinuteMiB) {
        return samples(seconds, secondMinuteMiB, lastMinuteMiB, 10, 10);
    }

    /** As above, with the live heap read every 10 s: {@code liveSecond} MiB until the last two minutes, then {@code liveLast}. */
    static List<ServerSample> samples(int seconds, double secondMinuteMiB, double lastMinuteMiB, double liveSecond,
                                      double liveLast) {
        return samples(seconds, secondMinuteMiB, lastMinuteMiB, liveSecond, liveLast, 120);
    }

    /** As above, the live heap {@code liveLast} over the last {@code liveLastSeconds}. */
    static List<ServerSample> samples(int seconds, double secondMinuteMiB, double lastMinuteMiB, double liveSecond,
                                      double liveLast, int liveLastSeconds) {
        List<ServerSample> s = new ArrayList<>();
        for (int t = 0; t < seconds; t++) {
            boolean last = t > seconds - 1 - 60;
            double mib = t < 60 ? 40 : last ? lastMinuteMiB : secondMinuteMiB;
            boolean liveLate = t > seconds - 1 - liveLastSeconds;
            long live = t % 10 == 9 ? (long) ((liveLate ? liveLast : liveSecond) * MIB) : -1;
            s.add(new ServerSample(t, (long) (mib * MIB), 30, live));
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
    void theLiveHeapMayGrowTenPercentPlusTwoMiB() {
        // 100 MiB live in minute 2: the limit is 110 + 2 MiB
        assertThat(report(samples(600, 300, 300, 100, 111.5), 10, 10, served()).passed()).isTrue();
        assertThat(report(samples(600, 300, 300, 100, 112.5), 10, 10, served()).failures()).singleElement().asString()
                .contains("live heap 112.5 MiB in the last two minutes, 100.0 MiB in the second");
    }

    /** What is in flight at a reading may hold a whole minute's readings up: a swing, no creep. */
    @Test
    void aLiveHeapHighForOnlyTheLastMinuteIsASwingNotACreep() {
        assertThat(report(samples(600, 300, 300, 100, 150, 60), 10, 10, served()).passed()).isTrue();
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
                .singleElement().asString().contains("TCP sockets open after the clients left");
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
