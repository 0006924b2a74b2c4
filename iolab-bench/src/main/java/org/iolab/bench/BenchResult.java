package org.iolab.bench;

/**
 * One measured run: one server, one scenario. Times in microseconds, memory in MiB. A value of
 * -1 means "not measured"; {@code note} says why a run could not be made, or what to know.
 */
public record BenchResult(
        String scenario,
        String target,
        String engineRan,
        int conns,
        int idle,
        int size,
        double seconds,
        long messages,
        double messagesPerSecond,
        double megabytesPerSecond,
        double p50Micros,
        double p99Micros,
        double p999Micros,
        double maxMicros,
        double serverCpuMillis,
        double serverCpuMicrosPerMessage,
        double serverCpuPercent,
        int serverThreads,
        double serverRssMiB,
        double clientCpuPercent,
        long mismatches,
        long errors,
        int unserved,
        String note) {

    /** A row for a run that could not be made. */
    public static BenchResult notRun(String scenario, String target, int conns, int idle, int size, String why) {
        return new BenchResult(scenario, target, "", conns, idle, size, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1,
                -1, -1, -1, 0, 0, 0, why);
    }
}
