package org.iolab.bench.scenarios;

import org.iolab.bench.load.Connections;
import org.iolab.bench.measure.BenchResult;
import java.util.List;
import java.util.function.Predicate;

/**
 * The scenarios of {@code iolab compare}, each listed once: a new scenario is one line here (and
 * its class, if it measures something new). Claims refer to these constants.
 *
 * <p>Thread rule: immutable.
 */
public final class Scenarios {

    /** The engines that watch descriptors, and so the idle sweep's (with the peers). */
    static final List<String> WATCHERS = List.of("polling", "select", "poll", "epoll", "nio", "iouring", "netty-nio",
            "netty-epoll", "netty-iouring");
    private static final Predicate<String> ALL_TARGETS = t -> true;
    /** The engines that give each connection a thread of its own (of a pool, or a process's). */
    public static final java.util.Set<String> THREAD_ENGINES = java.util.Set.of("blocking", "threads", "pool", "processes",
            "virtual");
    /**
     * The engines that serve a fixed few connections at a time: blocking one, pool its size,
     * processes (blocking workers) one per worker.
     */
    static final java.util.Set<String> FEW_AT_A_TIME = java.util.Set.of("blocking", "pool", "processes");

    /**
     * Past 100 connections, every target but those that serve a fixed few at a time: the rest
     * would wait the window out unserved, which 100 shows already.
     */
    private static final Predicate<String> MANY_AT_ONCE = t -> !FEW_AT_A_TIME.contains(t);

    public static final Scenario ONE_CONNECTION = LoadScenario.of(1, "one-connection",
            "latency (p50/p99): multiplexing is not faster for one connection", 1, 0, 1, 0, ALL_TARGETS);
    public static final Scenario ACTIVE_10 = LoadScenario.of(2, "10-active",
            "a few busy connections: where every model is still at ease", 10, 0, 10, 0, ALL_TARGETS);
    public static final Scenario ACTIVE_100 = LoadScenario.of(3, "100-active",
            "throughput and server CPU microseconds per message", 100, 0, 100, 0, ALL_TARGETS);
    public static final Scenario ACTIVE_1000 = LoadScenario.of(4, "1000-active",
            "the same with many connections; threads and memory per model (blocking, pool and processes left out: they serve a "
                    + "fixed few at a time, as 100 connections show)", 1000, 0, 1000, 0, MANY_AT_ONCE);
    public static final Scenario ACTIVE_5000 = LoadScenario.of(5, "5000-active",
            "where a thread per connection bends", 5000, 0, 2000, 0, MANY_AT_ONCE);
    public static final Scenario IDLE_1000 = LoadScenario.of(6, "10-among-1000-idle",
            "the idle sweep: a watcher pays for every descriptor it watches, or only for the ready ones",
            10, 1000, 10, 200, WATCHERS::contains);
    public static final Scenario IDLE_2000 = LoadScenario.of(7, "10-among-2000-idle",
            "past select's 1024: it refuses, poll pays more", 10, 2000, 10, 500, WATCHERS::contains);
    public static final Scenario IDLE_5000 = LoadScenario.of(8, "10-among-5000-idle",
            "O(watched) vs O(ready): poll and polling pay for the idle, epoll does not; select refuses the "
                    + "descriptors past 1024 and says so", 10, 5000, 10, 1200, WATCHERS::contains);
    public static final Scenario IDLE_10000 = LoadScenario.of(9, "10-among-10000-idle",
            "the far end of the idle sweep", 10, 10_000, 10, 2000, WATCHERS::contains);
    public static final Scenario LARGE = new LoadScenario(10, "50x16k", "partial writes and bandwidth",
            new BenchResult.Shape(50, 0, 16 * 1024), new BenchResult.Shape(50, 0, 16 * 1024), ALL_TARGETS);
    public static final Scenario IDLE_CPU = new IdleCpuScenario(11, "idle-cpu", "idle CPU: 100 idle connections, no traffic",
            "polling burns a core; the others sleep", 100);
    public static final Scenario ONE_AT_A_TIME = new OneAtATimeScenario(12, "one-at-a-time",
            "one at a time: a second client's wait",
            "a second client on blocking and on a pool of 1 waits for the first to leave; on threads it does not");

    public static final Scenario MEMORY = new MemoryScenario(13, "memory", "memory per idle connection: 10000 idle",
            "live heap and resident memory per idle connection: a registered descriptor on a reactor, a parked "
                    + "thread on the thread engines, a pending read on a Proactor", 10_000, 2_000);

    public static final Scenario STALLED_WORKER = new StalledWorkerScenario(14, "stalled-worker",
            "one worker stalled: shared queue or SO_REUSEPORT",
            "processes with one of four workers stopped while clients arrive: the shared queue hands every "
                    + "connection to a live worker, SO_REUSEPORT still hashes a share to the stopped one");

    public static final Scenario HTTP_ONE_CONNECTION = LoadScenario.http(15, "http-one-connection",
            "HTTP latency (p50/p99) on one kept-alive connection", 1, 1, 1, ALL_TARGETS);
    public static final Scenario HTTP_100 = LoadScenario.http(16, "http-100-keep-alive",
            "server CPU per request when each connection waits for its reply: a read and a write per request",
            100, 100, 1, ALL_TARGETS);
    public static final Scenario HTTP_PIPELINED = LoadScenario.http(17, "http-100-pipelined",
            "TechEmpower's plaintext test: 16 requests arrive in one read and their responses leave in one write, "
                    + "so CPU per request is the parser's and the writer's, not the system calls'", 100, 100, 16, ALL_TARGETS);
    public static final Scenario HTTP_1000 = LoadScenario.http(18, "http-1000-keep-alive",
            "HTTP on many connections (blocking, pool and processes left out, as in scenario 4)", 1000, 1000, 1,
            MANY_AT_ONCE);

    private static final int BODY = 13; // Hello, World!

    // the TLS comparison: blocking, pool and processes left out (they serve a fixed few at a time)
    public static final Scenario HTTPS_100 = LoadScenario.tls(19, "https-100-keep-alive",
            "HTTPS, 100 connections, keep-alive (GET /plaintext)",
            "what TLS adds per request when each connection waits for its reply: a record decrypted, one encrypted",
            new BenchResult.Shape(100, 0, BODY), "http", 1, Connections.KEPT, MANY_AT_ONCE);
    public static final Scenario HTTPS_PIPELINED = LoadScenario.tls(20, "https-100-pipelined",
            "HTTPS, 100 connections, 16 pipelined (GET /plaintext)",
            "16 requests in one record and their 16 responses in one record and one write: TLS's cost per request "
                    + "shrinks with the batch", new BenchResult.Shape(100, 0, BODY), "http", 16, Connections.KEPT, MANY_AT_ONCE);
    public static final Scenario TLS_ECHO_100 = LoadScenario.tls(21, "tls-100-active",
            "TLS echo, 100 active connections, 64 B", "the upper echo over TLS: a record each way per message",
            new BenchResult.Shape(100, 0, 64), "upper", 1, Connections.KEPT, MANY_AT_ONCE);
    public static final Scenario TLS_ECHO_LARGE = LoadScenario.tls(22, "tls-50x16k",
            "TLS echo, 50 active connections, 16 KiB messages", "bulk encryption: 16 KiB is one full record each way",
            new BenchResult.Shape(50, 0, 16 * 1024), "upper", 1, Connections.KEPT, MANY_AT_ONCE);
    public static final Scenario TLS_HANDSHAKES = LoadScenario.tls(23, "tls-handshakes",
            "TLS 1.3 handshakes: 10 connections, a new one per request (GET /plaintext)",
            "a full handshake (ECDHE X25519, an ECDSA P-256 signature) per request, never resumed: server CPU per "
                    + "handshake and request", new BenchResult.Shape(10, 0, BODY), "http", 1, Connections.NEW, MANY_AT_ONCE);
    public static final Scenario TLS_RESUMED = LoadScenario.tls(31, "tls-resumed",
            "TLS 1.3 resumed handshakes: 10 connections, a new one per request resuming its session (GET /plaintext)",
            "a returning client's handshake, beside scenario 23's full one: the session from the server's ticket "
                    + "(a PSK, with ECDHE still), no certificate and no signature: server CPU per handshake and request",
            new BenchResult.Shape(10, 0, BODY), "http", 1, Connections.RESUMED, MANY_AT_ONCE);

    public static final Scenario WS_ECHO = LoadScenario.of(24, "ws-100-active", "WebSocket echo, 100 active connections, 64 B",
            "the upper echo as WebSocket messages: a masked frame in, a frame out, on the http app's machinery",
            new BenchResult.Shape(100, 0, 64), "ws", MANY_AT_ONCE);
    public static final Scenario WS_TCP_BESIDE = LoadScenario.of(25, "ws-tcp-100-active",
            "the same echo in plain TCP, 100 active connections, 64 B",
            "scenario 3's load, beside the WebSocket one: what the framing and the handshake's machinery cost",
            new BenchResult.Shape(100, 0, 64), "upper", MANY_AT_ONCE).in("ws");

    // the h2 comparison, driven by h2load (a client no one here wrote); blocking, pool and processes left out
    public static final Scenario H2C_STREAMS = new H2loadScenario(26, "h2c-100x16",
            "HTTP/2's multiplexing: 16 requests in flight on each connection, their frames read and written in batches, "
                    + "as pipelining does for HTTP/1.1", 100, 16, false, false, MANY_AT_ONCE);
    public static final Scenario H2C_ONE_STREAM = new H2loadScenario(27, "h2c-100x1",
            "one request at a time on each connection: a read and a write per request, HTTP/2's framing and HPACK "
                    + "around each", 100, 1, false, false, MANY_AT_ONCE);
    public static final Scenario H2_TLS_STREAMS = new H2loadScenario(28, "h2-tls-100x16",
            "HTTP/2 as browsers meet it, over TLS by ALPN: the streams' frames in shared records", 100, 16, true, false,
            MANY_AT_ONCE);
    public static final Scenario H2_TLS_ONE_STREAM = new H2loadScenario(29, "h2-tls-100x1",
            "over TLS, one request at a time: a record each way per request", 100, 1, true, false, MANY_AT_ONCE);
    public static final Scenario H1_BESIDE_H2 = new H2loadScenario(30, "h1-100x16",
            "HTTP/1.1 pipelined by the same client, beside scenario 26: what HTTP/2's framing and HPACK cost against "
                    + "HTTP/1.1's text", 100, 16, false, true, MANY_AT_ONCE);

    // the heavy handler: the source documents' one claim about a reactor's weak spot (claim 11)
    public static final Scenario HEAVY_BASELINE = new HeavyHandlerScenario(32, "heavy-baseline",
            "100 paced connections, no heavy handler",
            "the echo at a steady rate (a message every 10 ms on each of 100 connections): scenario 33's baseline",
            false, false);
    public static final Scenario HEAVY_HANDLERS = new HeavyHandlerScenario(33, "heavy-handlers",
            "100 paced connections beside heavy handlers (50 ms)",
            "the same while two more connections each ask every 0.5 s for a handler that computes 50 ms, or blocks 50 ms: "
                    + "on a single-loop reactor the others wait for it; on threads they do not; with the work off the loop "
                    + "(+offload) they do not either", true, false);

    public static final List<Scenario> ALL = List.of(ONE_CONNECTION, ACTIVE_10, ACTIVE_100, ACTIVE_1000, ACTIVE_5000,
            IDLE_1000, IDLE_2000, IDLE_5000, IDLE_10000, LARGE, IDLE_CPU, ONE_AT_A_TIME, MEMORY, STALLED_WORKER, HEAVY_BASELINE, HEAVY_HANDLERS,
            HTTP_ONE_CONNECTION, HTTP_100, HTTP_PIPELINED, HTTP_1000, HTTPS_100, HTTPS_PIPELINED, TLS_ECHO_100,
            TLS_ECHO_LARGE, TLS_HANDSHAKES, TLS_RESUMED, WS_ECHO, WS_TCP_BESIDE, H2C_STREAMS, H2C_ONE_STREAM, H2_TLS_STREAMS,
            H2_TLS_ONE_STREAM, H1_BESIDE_H2);

    /**
     * The comparisons {@code compare --app} runs: the upper echo's (the source documents' claims),
     * HTTP's, TLS's (HTTPS and the echo over TLS, against Netty on the JDK and on OpenSSL, and
     * nginx), WebSocket's, and HTTP/2's (h2load's load, against Netty's Http2FrameCodec and nginx).
     */
    public static final List<String> COMPARISONS = List.of("upper", "http", "tls", "ws", "h2");

    /** Active connections from 1 to 5000 on every target: where a thread per connection bends. */
    public static final Sweep ACTIVE_SWEEP = new Sweep("active-sweep", "Active sweep",
            "every target from 1 to 5000 busy connections: throughput, CPU per message, threads and memory; a thread "
                    + "per connection costs a thread and its stack each, a reactor a few threads whatever the count",
            "active connections", BenchResult.Shape::conns,
            List.of(ONE_CONNECTION, ACTIVE_10, ACTIVE_100, ACTIVE_1000, ACTIVE_5000),
            List.of(new Sweep.Curve("cpu us/msg", "cpu", BenchResult::cpuMicrosPerMessage),
                    new Sweep.Curve("msg/s", "throughput", r -> r.throughput() == null ? null : r.throughput().messagesPerSecond()),
                    new Sweep.Curve("server threads", "threads",
                            r -> r.server() == null ? null : (double) r.server().threads()),
                    new Sweep.Curve("server RSS MiB", "rss", r -> r.server() == null ? null : r.server().rssMiB())));

    /** Idle connections from 0 to 10000 beside 10 active ones, on the engines that watch descriptors. */
    public static final Sweep IDLE_SWEEP = new Sweep("idle-sweep", "Idle sweep",
            "10 active connections among 0 to 10000 idle ones: select, poll and polling pay for every descriptor "
                    + "watched on every call, O(watched); epoll, io_uring and the peers only for the ready ones, O(ready)",
            "watched connections (10 active + idle)", sh -> sh.conns() + sh.idle(),
            List.of(ACTIVE_10, IDLE_1000, IDLE_2000, IDLE_5000, IDLE_10000),
            List.of(new Sweep.Curve("cpu us/msg", "cpu", BenchResult::cpuMicrosPerMessage),
                    new Sweep.Curve("p99 us", "p99", r -> r.latency() == null ? null : r.latency().p99Micros())));

    public static final List<Sweep> SWEEPS = List.of(ACTIVE_SWEEP, IDLE_SWEEP);

    private Scenarios() {
    }

    /** {@code 1 to 14, 32, 33}: ascending numbers, a run of three or more as its ends. */
    static String ranges(List<Integer> numbers) {
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < numbers.size(); ) {
            int j = i;
            while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
                j++;
            }
            if (j - i >= 2) {
                parts.add(numbers.get(i) + " to " + numbers.get(j));
            } else {
                for (int k = i; k <= j; k++) {
                    parts.add(Integer.toString(numbers.get(k)));
                }
            }
            i = j + 1;
        }
        return String.join(", ", parts);
    }

    /** The scenarios of the upper app's comparison (the default). */
    public static List<Scenario> select(List<String> selectors) {
        return select(selectors, "upper");
    }

    /**
     * The scenarios of {@code app} named by number or id ({@code 2}, {@code s8-10-among-5000-idle})
     * or by a sweep's id (all its points: {@code idle-sweep}), in their order; all of the app's
     * when none. A scenario of another app is refused, naming the app's.
     */
    public static List<Scenario> select(List<String> selectors, String app) {
        if (!COMPARISONS.contains(app)) {
            throw new IllegalArgumentException("the lab compares " + String.join(", ", COMPARISONS) + ", not '" + app + "'");
        }
        List<Scenario> ofApp = ALL.stream().filter(s -> s.comparison().equals(app)).toList();
        String known = ranges(ofApp.stream().map(Scenario::number).toList())
                + (app.equals("upper") ? ", " + String.join(", ", SWEEPS.stream().map(Sweep::id).toList()) : "");
        for (String x : selectors) {
            if (ALL.stream().noneMatch(s -> s.matches(x)) && SWEEPS.stream().noneMatch(w -> w.id().equals(x))) {
                throw new IllegalArgumentException("unknown scenario '" + x + "'; scenarios of the " + app + " app: " + known);
            }
            if (ofApp.stream().noneMatch(s -> s.matches(x)) && SWEEPS.stream().noneMatch(w -> w.id().equals(x)
                    && ofApp.stream().anyMatch(w::contains))) {
                throw new IllegalArgumentException("scenario '" + x + "' is not one of the " + app + " app's (" + known
                        + "; --app chooses)");
            }
        }
        return ofApp.stream().filter(s -> selectors.isEmpty() || selectors.stream().anyMatch(x -> s.matches(x)
                || SWEEPS.stream().anyMatch(w -> w.id().equals(x) && w.contains(s)))).toList();
    }
}
