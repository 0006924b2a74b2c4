package org.iolab.bench;

import java.util.List;

/**
 * One scenario of {@code iolab compare}: a load shape that turns a claim of the source
 * documents into numbers.
 *
 * @param id short name used in files ({@code s2-100-active})
 * @param title what the table is headed with
 * @param kind how it is measured
 * @param conns active connections
 * @param idle idle connections held open
 * @param size message bytes
 */
public record Scenario(String id, String title, Kind kind, int conns, int idle, int size) {

    /** How a scenario is measured. */
    public enum Kind {
        /** closed-loop load: throughput, latency, CPU per message */
        LOAD,
        /** idle connections, no traffic: server CPU percentage */
        IDLE_CPU,
        /** a second client on a one-at-a-time server: how long it waits */
        ONE_AT_A_TIME
    }

    public static final List<Scenario> ALL = List.of(
            new Scenario("s1-one-connection", "1. one connection, 64 B (latency)", Kind.LOAD, 1, 0, 64),
            new Scenario("s2-100-active", "2. 100 active connections, 64 B", Kind.LOAD, 100, 0, 64),
            new Scenario("s3-1000-active", "3. 1000 active connections, 64 B", Kind.LOAD, 1000, 0, 64),
            new Scenario("s4-10-among-5000-idle", "4. 10 active among 5000 idle, 64 B", Kind.LOAD, 10, 5000, 64),
            new Scenario("s5-50x16k", "5. 50 active connections, 16 KiB messages", Kind.LOAD, 50, 0, 16 * 1024),
            new Scenario("s6-idle-cpu", "6. idle CPU: 100 idle connections, no traffic", Kind.IDLE_CPU, 0, 100, 0),
            new Scenario("s7-one-at-a-time", "7. one at a time: a second client's wait", Kind.ONE_AT_A_TIME, 2, 0, 64));

    /** The engines scenario 7 runs on: the two that serve one at a time, and threads to compare. */
    public static final List<String> ONE_AT_A_TIME_TARGETS = List.of("blocking", "pool", "threads");
}
