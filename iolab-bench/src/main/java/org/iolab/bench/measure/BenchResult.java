package org.iolab.bench.measure;

import org.iolab.bench.load.LatencyModes;

/**
 * One measured run: one server, one scenario. What was not measured is {@code null}: a run
 * that could not be made has only its {@code note}; an idle run has no throughput or latency.
 * Times in microseconds, memory in MiB.
 *
 * @param scenario the scenario's id ({@code s2-100-active}), or {@code bench}
 * @param target the server asked for ({@code epoll}, {@code netty-epoll})
 * @param engineRan the engine the server says really ran ({@code ""} when it did not start)
 * @param shape the connections and message size
 * @param throughput messages over the measured window, or {@code null}
 * @param latency per-message latency, or {@code null}
 * @param server what the server process spent, or {@code null}
 * @param checks what went wrong: mismatched replies, errors, connections left unserved
 * @param note why a run could not be made, or what to know about it
 * @param kernel the server's system calls and context switches, or {@code null} when not asked for
 * @param memory what each idle connection costs the server, or {@code null} when not measured
 */
public record BenchResult(String scenario, String target, String engineRan, Shape shape, Throughput throughput,
                          Latency latency, ServerCost server, Checks checks, String note, Kernel kernel,
                          Memory memory) {

    /** A result without memory figures. */
    public BenchResult(String scenario, String target, String engineRan, Shape shape, Throughput throughput,
                       Latency latency, ServerCost server, Checks checks, String note, Kernel kernel) {
        this(scenario, target, engineRan, shape, throughput, latency, server, checks, note, kernel, null);
    }

    /**
     * What one idle connection costs the server: the growth of its live heap (after a full
     * collection) and of its resident memory, divided by the connections opened.
     */
    public record Memory(int connections, double heapKiBPerConnection, double rssKiBPerConnection) {
    }

    /** A result without kernel counts. */
    public BenchResult(String scenario, String target, String engineRan, Shape shape, Throughput throughput,
                       Latency latency, ServerCost server, Checks checks, String note) {
        this(scenario, target, engineRan, shape, throughput, latency, server, checks, note, null, null);
    }

    /**
     * What the kernel counted for the server over the window ({@code perf stat}).
     *
     * @param status empty when counted, else why not ("perf is not installed ...")
     * @param syscalls every system call the server made, or {@code null}
     * @param switches its context switches, or {@code null}
     * @param calls the calls that make an IO model ({@code read}, {@code epoll_wait}, ...), each counted
     * @param messages the messages served in the same window, the denominator
     */
    public record Kernel(String status, Long syscalls, Long switches, java.util.Map<String, Long> calls, long messages) {

        public static Kernel notMeasured(String why) {
            return new Kernel(why, null, null, java.util.Map.of(), 0);
        }

        public boolean measured() {
            return status.isEmpty() && syscalls != null;
        }

        /** System calls per message, or {@code null}. */
        public Double syscallsPerMessage() {
            return measured() && messages > 0 ? (double) syscalls / messages : null;
        }

        /** Context switches per message, or {@code null}. */
        public Double switchesPerMessage() {
            return measured() && messages > 0 && switches != null ? (double) switches / messages : null;
        }

        /** One call's count per message ({@code 0} when it was not made), or {@code null}. */
        public Double perMessage(String call) {
            return measured() && messages > 0 ? (double) calls.getOrDefault(call, 0L) / messages : null;
        }
    }

    /**
     * @param conns active connections
     * @param idle idle connections held open (as many as could be opened)
     * @param size message bytes
     */
    public record Shape(int conns, int idle, int size) {
    }

    /**
     * @param seconds the measured window
     * @param messages replies received and verified in it
     * @param messagesPerSecond messages / seconds
     * @param megabytesPerSecond payload bytes / seconds / 10^6
     * @param clientCpuPercent the load generator's own CPU (100 = one core)
     */
    public record Throughput(double seconds, long messages, double messagesPerSecond, double megabytesPerSecond,
                             double clientCpuPercent) {
    }

    /**
     * Latency percentiles in microseconds.
     *
     * @param modes the sample's two modes when it has two ({@link LatencyModes}), else {@code null}
     */
    public record Latency(double p50Micros, double p99Micros, double p999Micros, double maxMicros,
                          LatencyModes modes) {

        /** Percentiles of a sample with one mode. */
        public Latency(double p50Micros, double p99Micros, double p999Micros, double maxMicros) {
            this(p50Micros, p99Micros, p999Micros, maxMicros, null);
        }

        /** One observation: every percentile is that value. */
        public static Latency single(double micros) {
            return new Latency(micros, micros, micros, micros);
        }
    }

    /**
     * @param cpuMillis user + system CPU of the server process over the window
     * @param cpuMicrosPerMessage that CPU per message served, {@code null} when none was served
     * @param cpuPercent that CPU over the window (100 = one core)
     * @param threads the most threads the server had
     * @param rssMiB the most resident memory the server had
     */
    public record ServerCost(double cpuMillis, Double cpuMicrosPerMessage, double cpuPercent, int threads,
                             double rssMiB) {
    }

    /**
     * @param mismatches replies that differed from what was expected (any makes the lab fail)
     * @param errors connections that failed (reset, refused)
     * @param unserved connections that got no reply in the window
     */
    public record Checks(long mismatches, long errors, int unserved) {

        public static final Checks NONE = new Checks(0, 0, 0);
    }

    /** A row for a run that could not be made. */
    public static BenchResult notRun(String scenario, String target, Shape shape, String why) {
        return new BenchResult(scenario, target, "", shape, null, null, null, Checks.NONE, why);
    }

    /** Whether the run measured anything (a run that could not be made did not). */
    public boolean measured() {
        return messages() > 0 || server != null || memory != null;
    }

    /** Messages served in the window (0 when not measured). */
    public long messages() {
        return throughput == null ? 0 : throughput.messages();
    }

    public long mismatches() {
        return checks.mismatches();
    }

    /** System calls per message, or {@code null} when not counted. */
    public Double syscallsPerMessage() {
        return kernel == null ? null : kernel.syscallsPerMessage();
    }

    /** Context switches per message, or {@code null} when not counted. */
    public Double switchesPerMessage() {
        return kernel == null ? null : kernel.switchesPerMessage();
    }

    /** Server CPU per message, or {@code null}. */
    public Double cpuMicrosPerMessage() {
        return server == null ? null : server.cpuMicrosPerMessage();
    }
}
