package org.iolab.bench;

import java.util.List;

/**
 * The scenarios of {@code iolab compare}, each listed once: a new scenario is one line here (and
 * its class, if it measures something new). Claims refer to these constants.
 *
 * <p>Thread rule: immutable.
 */
public final class Scenarios {

    public static final Scenario ONE_CONNECTION = new LoadScenario(1, "one-connection", "one connection, 64 B (latency)",
            "latency (p50/p99): multiplexing is not faster for one connection", 1, 0, 64, 0);
    public static final Scenario ACTIVE_100 = new LoadScenario(2, "100-active", "100 active connections, 64 B",
            "throughput and server CPU microseconds per message", 100, 0, 64, 0);
    public static final Scenario ACTIVE_1000 = new LoadScenario(3, "1000-active", "1000 active connections, 64 B",
            "the same with many connections; threads and memory per model", 1000, 0, 64, 0);
    public static final Scenario IDLE_5000 = new LoadScenario(4, "10-among-5000-idle", "10 active among 5000 idle, 64 B",
            "O(watched) vs O(ready): poll and polling pay for the idle, epoll does not; select refuses the "
                    + "descriptors past 1024 and says so", 10, 5000, 64, 1200);
    public static final Scenario LARGE = new LoadScenario(5, "50x16k", "50 active connections, 16 KiB messages",
            "partial writes and bandwidth", 50, 0, 16 * 1024, 0);
    public static final Scenario IDLE_CPU = new IdleCpuScenario(6, "idle-cpu", "idle CPU: 100 idle connections, no traffic",
            "polling burns a core; the others sleep", 100);
    public static final Scenario ONE_AT_A_TIME = new OneAtATimeScenario(7, "one-at-a-time",
            "one at a time: a second client's wait",
            "a second client on blocking and on a pool of 1 waits for the first to leave; on threads it does not");

    public static final Scenario MEMORY = new MemoryScenario(8, "memory", "memory per idle connection: 10000 idle",
            "live heap and resident memory per idle connection: a registered descriptor on a reactor, a parked "
                    + "thread on the thread engines, a pending read on a Proactor", 10_000, 2_000);

    public static final List<Scenario> ALL = List.of(ONE_CONNECTION, ACTIVE_100, ACTIVE_1000, IDLE_5000, LARGE,
            IDLE_CPU, ONE_AT_A_TIME, MEMORY);

    private Scenarios() {
    }

    /** The scenarios named by number or id ({@code 2}, {@code s4-10-among-5000-idle}); all when none. */
    public static List<Scenario> select(List<String> selectors) {
        List<Scenario> chosen = ALL.stream()
                .filter(s -> selectors.isEmpty() || selectors.stream().anyMatch(s::matches)).toList();
        for (String x : selectors) {
            if (ALL.stream().noneMatch(s -> s.matches(x))) {
                throw new IllegalArgumentException("unknown scenario '" + x + "'; scenarios: 1 to " + ALL.size());
            }
        }
        return chosen;
    }
}
