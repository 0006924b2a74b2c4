package org.iolab.bench.load;

import java.io.IOException;
import java.util.List;

/**
 * CPU pinning with {@code taskset}: the server goes on CPU 0 (its command is prefixed, or its
 * running threads are moved), the lab's own process on the others. Thread rule: stateless.
 */
public final class Pinning {

    private Pinning() {
    }

    /** Moves every thread of this JVM to CPUs 1..n-1 (all CPUs when there is only one). */
    public static void pinThisProcessAwayFromCpu0() throws IOException {
        int cpus = cpus();
        if (cpus >= 2) {
            taskset(cpus == 2 ? "1" : "1-" + (cpus - 1), ProcessHandle.current().pid());
        }
    }

    /**
     * For one run, a running server's every thread on CPU 0 and this JVM's on the others, so
     * that one connection's two ends are placed the same way for every target (on this VM a
     * round trip took about 10 us or about 70 us by where the scheduler put the two threads);
     * closing gives both back every CPU. Nothing is moved on one CPU.
     */
    public static AutoCloseable apart(List<Long> serverPids) throws IOException {
        int cpus = cpus();
        if (cpus < 2) {
            return () -> { };
        }
        String all = "0-" + (cpus - 1);
        for (long pid : serverPids) {
            taskset("0", pid);
        }
        pinThisProcessAwayFromCpu0();
        return () -> {
            taskset(all, ProcessHandle.current().pid());
            for (long pid : serverPids) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    taskset(all, pid);
                }
            }
        };
    }

    /** This machine's CPUs, counted before anything here narrowed this JVM's affinity. */
    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    private static int cpus() {
        return CPUS;
    }

    /** Every thread of {@code pid} on {@code cpus}. */
    private static void taskset(String cpus, long pid) throws IOException {
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                .redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("taskset -a -p -c " + cpus + " " + pid + " failed (is util-linux installed?): "
                        + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while moving threads of " + pid, e);
        }
    }
}
