package org.iolab.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each field of a {@link ProcStats.Sample} follows a change this test makes to its own process,
 * checked against what the JVM itself reports.
 */
class ProcStatsTest {

    private static final long PID = ProcessHandle.current().pid();

    @BeforeAll
    static void linuxOnly() {
        Assumptions.assumeTrue(ProcStats.supported(), "needs /proc");
    }

    @Test
    void cpuTimeGrowsAtLeastByWhatThisThreadBurned() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ProcStats.Sample before = ProcStats.read(PID);
        long threadBefore = mx.getCurrentThreadCpuTime();
        long x = 0;
        while (mx.getCurrentThreadCpuTime() - threadBefore < 300_000_000L) { // 0.3 s of CPU, not of wall time
            for (int i = 0; i < 1_000_000; i++) {
                x += i ^ (x >>> 3);
            }
        }
        long burned = mx.getCurrentThreadCpuTime() - threadBefore;
        ProcStats.Sample after = ProcStats.read(PID);
        assertThat(x).isNotZero();
        // the process's time includes this thread's; /proc counts in clock ticks (10 ms), so allow two
        assertThat(after.cpuNanos() - before.cpuNanos()).isGreaterThanOrEqualTo(burned - 20_000_000L);
    }

    @Test
    void threadCountFollowsThreadsStartedAndEnded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(10);
        int before = ProcStats.read(PID).threads();
        List<Thread> extra = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            extra.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        started.await(30, TimeUnit.SECONDS);
        int during = ProcStats.read(PID).threads();
        release.countDown();
        for (Thread t : extra) {
            t.join(30_000);
        }
        // other JVM threads may come and go meanwhile (compiler, GC), so bound loosely
        assertThat(during - before).isBetween(8, 14);
    }

    @Test
    void residentMemoryGrowsByPagesThisThreadTouches() throws Exception {
        long before = ProcStats.read(PID).rssBytes();
        byte[][] held = new byte[64][];
        for (int i = 0; i < held.length; i++) {
            held[i] = new byte[1 << 20];
            for (int p = 0; p < held[i].length; p += 4096) {
                held[i][p] = 1; // touch every page
            }
        }
        long after = ProcStats.read(PID).rssBytes();
        assertThat(held[63][4096]).isEqualTo((byte) 1);
        // 64 MiB touched; the heap may already have had some of it resident
        assertThat(after - before).isGreaterThan(16L << 20);
        assertThat(after).isLessThan(Runtime.getRuntime().maxMemory() + (1L << 30));
    }
}
