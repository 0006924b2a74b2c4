package org.iolab.bench;

import java.io.IOException;

/**
 * CPU pinning with {@code taskset}: the server goes on CPU 0 (its command is prefixed), the
 * lab's own process on the others. Thread rule: stateless.
 */
final class Pinning {

    private Pinning() {
    }

    /** Moves every thread of this JVM to CPUs 1..n-1 (all CPUs when there is only one). */
    static void pinThisProcessAwayFromCpu0() throws IOException {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2) {
            return;
        }
        String set = cpus == 2 ? "1" : "1-" + (cpus - 1);
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", set, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        try {
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException("taskset failed; is util-linux installed?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
