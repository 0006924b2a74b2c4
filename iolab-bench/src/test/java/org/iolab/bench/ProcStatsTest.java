package org.iolab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void readsThisProcessesCpuThreadsAndMemory() throws Exception {
        Assumptions.assumeTrue(ProcStats.supported(), "needs /proc");
        long pid = ProcessHandle.current().pid();
        ProcStats.Sample a = ProcStats.read(pid);
        long x = 0;
        for (long i = 0; i < 300_000_000L; i++) { // burn some CPU so the clock moves
            x += i ^ (x >>> 3);
        }
        ProcStats.Sample b = ProcStats.read(pid);
        assertThat(x).isNotZero();
        assertThat(b.cpuNanos()).isGreaterThan(a.cpuNanos());
        assertThat(b.threads()).isGreaterThanOrEqualTo(Thread.activeCount() > 0 ? 2 : 1);
        assertThat(b.rssBytes()).isGreaterThan(10L << 20);
    }
}
