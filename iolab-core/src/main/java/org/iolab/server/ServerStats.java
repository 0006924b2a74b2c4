package org.iolab.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one running server: what a person needs to see what happened to it (also printed
 * by {@code iolab serve --stats}).
 *
 * <p>Thread rule: updated by engine threads, read by anyone.
 *
 * <p>Over 300 lines on purpose: one counter per thing a person watches, each with its update and
 * its reading, and the one snapshot that {@code --stats}, {@code /stats} and {@code /metrics}
 * print; it is a list, not logic.
 */
public final class ServerStats implements org.iolab.protocol.Counters {

    /** Why a connection was closed by a timeout. */
    public enum Timeout {
        /** A line was not completed within the line timeout. */
        LINE,
        /** Nothing arrived within the read-idle timeout. */
        IDLE,
        /** Pending output made no progress within the write-stall timeout. */
        WRITE_STALL,
        /** A TLS handshake was not done within the handshake timeout. */
        HANDSHAKE,
        /** A lingering close read on for its longest, and reset the connection. */
        LINGER
    }

    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder acceptErrors = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder slowConsumerDrops = new LongAdder();
    private final LongAdder callbackFailures = new LongAdder();
    private final LongAdder internalErrors = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder datagramsDropped = new LongAdder();
    private final LongAdder tlsHandshakes = new LongAdder();
    private final LongAdder tlsFailures = new LongAdder();
    private final LongAdder workRefused = new LongAdder();
    private final LongAdder blockedLoops = new LongAdder();
    private final LongAdder[] timeouts = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
        new LongAdder()};

    /** Tasks the worker pool refused, full ({@code Transport.executeBlocking}). */
    public long workRefused() {
        return workRefused.sum();
    }

    public void onWorkRefused() {
        workRefused.increment();
    }

    /** Turns of an event loop that ran longer than the blocked-loop warning's threshold. */
    public long blockedLoops() {
        return blockedLoops.sum();
    }

    public void onBlockedLoop() {
        blockedLoops.increment();
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }

    /** Connections accepted and served. */
    public long accepted() {
        return accepted.sum();
    }

    /** Connections closed at once: over the connection limit, past select's 1024, or out of descriptors. */
    public long rejected() {
        return rejected.sum();
    }

    /** Failed accept calls (EMFILE and the like). */
    public long acceptErrors() {
        return acceptErrors.sum();
    }

    /** Connections that ended with an error (reset, failure in a callback). */
    public long failed() {
        return failed.sum();
    }

    /** Connections closed by a timeout of that kind. */
    public long timeouts(Timeout kind) {
        return timeouts[kind.ordinal()].sum();
    }

    /** Connections an application dropped for not reading (a chat member). */
    public long slowConsumerDrops() {
        return slowConsumerDrops.sum();
    }

    /** Application callbacks that threw (each closed its connection). */
    public long callbackFailures() {
        return callbackFailures.sum();
    }

    /** Failures inside the engine's own threads, survived (each is logged). */
    public long internalErrors() {
        return internalErrors.sum();
    }

    /** Bytes delivered to the application. */
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** Bytes the application wrote. */
    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Datagrams not sent because the socket buffer was full. */
    public long datagramsDropped() {
        return datagramsDropped.sum();
    }

    public void onAccepted() {
        accepted.increment();
    }

    public void onRejected() {
        rejected.increment();
    }

    public void onAcceptError() {
        acceptErrors.increment();
    }

    public void onFailed() {
        failed.increment();
    }

    public void onTimeout(Timeout kind) {
        timeouts[kind.ordinal()].increment();
    }

    public void onSlowConsumerDrop() {
        slowConsumerDrops.increment();
    }

    public void onCallbackFailure() {
        callbackFailures.increment();
    }

    public void onInternalError() {
        internalErrors.increment();
    }

    public void onBytesIn(int n) {
        bytesIn.add(n);
        reads.increment();
    }

    /** Reads that brought bytes (a message each, for a request-reply load of small messages). */
    public long reads() {
        return reads.sum();
    }

    public void onBytesOut(int n) {
        bytesOut.add(n);
    }

    /** TLS handshakes completed. */
    public long tlsHandshakes() {
        return tlsHandshakes.sum();
    }

    /**
     * TLS handshakes that failed: not TLS at all (plaintext or garbage on a TLS port), refused
     * (an old protocol, no common suite or ALPN protocol), broken, or cut before the end.
     */
    public long tlsFailures() {
        return tlsFailures.sum();
    }

    public void onTlsHandshake() {
        tlsHandshakes.increment();
    }

    public void onTlsFailure() {
        tlsFailures.increment();
    }

    public void onDatagramDropped() {
        datagramsDropped.increment();
    }

    /** A connection opened; returns the new count. */
    public int opened() {
        return open.incrementAndGet();
    }

    public void closed() {
        open.decrementAndGet();
    }

    /** The applications' own counters ({@link #count}), by name. */
    private final java.util.concurrent.ConcurrentHashMap<String, LongAdder> events = new java.util.concurrent.ConcurrentHashMap<>();

    /** Counts an application's event ({@code h2.rapidReset}): it shows in {@link #snapshot} and {@link #events}. */
    @Override
    public void count(String event) {
        events.computeIfAbsent(event, e -> new LongAdder()).increment();
    }

    /** The applications' counters, by name, sorted. */
    public Map<String, Long> events() {
        Map<String, Long> m = new java.util.TreeMap<>();
        events.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Every counter by name, in a stable order (for {@code --stats} and JSON); the applications' last. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("open", (long) open());
        m.put("accepted", accepted());
        m.put("rejected", rejected());
        m.put("acceptErrors", acceptErrors());
        m.put("failed", failed());
        m.put("lineTimeouts", timeouts(Timeout.LINE));
        m.put("idleTimeouts", timeouts(Timeout.IDLE));
        m.put("writeStalls", timeouts(Timeout.WRITE_STALL));
        m.put("handshakeTimeouts", timeouts(Timeout.HANDSHAKE));
        m.put("lingerTimeouts", timeouts(Timeout.LINGER));
        m.put("tlsHandshakes", tlsHandshakes());
        m.put("tlsFailures", tlsFailures());
        m.put("slowConsumerDrops", slowConsumerDrops());
        m.put("callbackFailures", callbackFailures());
        m.put("internalErrors", internalErrors());
        m.put("reads", reads());
        m.put("bytesIn", bytesIn());
        m.put("bytesOut", bytesOut());
        m.put("datagramsDropped", datagramsDropped());
        m.put("workRefused", workRefused());
        m.put("blockedLoops", blockedLoops());
        m.putAll(events());
        return m;
    }

    /**
     * Counters that add those of several servers ({@link #snapshot} maps, as a supervisor
     * collects from its worker processes): every counter and {@code open} is the sum.
     */
    public static ServerStats sum(Iterable<Map<String, Long>> snapshots) {
        ServerStats s = new ServerStats();
        for (Map<String, Long> m : snapshots) {
            s.open.addAndGet((int) (long) m.getOrDefault("open", 0L));
            s.accepted.add(m.getOrDefault("accepted", 0L));
            s.rejected.add(m.getOrDefault("rejected", 0L));
            s.acceptErrors.add(m.getOrDefault("acceptErrors", 0L));
            s.failed.add(m.getOrDefault("failed", 0L));
            s.timeouts[Timeout.LINE.ordinal()].add(m.getOrDefault("lineTimeouts", 0L));
            s.timeouts[Timeout.IDLE.ordinal()].add(m.getOrDefault("idleTimeouts", 0L));
            s.timeouts[Timeout.WRITE_STALL.ordinal()].add(m.getOrDefault("writeStalls", 0L));
            s.timeouts[Timeout.HANDSHAKE.ordinal()].add(m.getOrDefault("handshakeTimeouts", 0L));
            s.timeouts[Timeout.LINGER.ordinal()].add(m.getOrDefault("lingerTimeouts", 0L));
            s.tlsHandshakes.add(m.getOrDefault("tlsHandshakes", 0L));
            s.tlsFailures.add(m.getOrDefault("tlsFailures", 0L));
            s.slowConsumerDrops.add(m.getOrDefault("slowConsumerDrops", 0L));
            s.callbackFailures.add(m.getOrDefault("callbackFailures", 0L));
            s.internalErrors.add(m.getOrDefault("internalErrors", 0L));
            s.reads.add(m.getOrDefault("reads", 0L));
            s.bytesIn.add(m.getOrDefault("bytesIn", 0L));
            s.bytesOut.add(m.getOrDefault("bytesOut", 0L));
            s.datagramsDropped.add(m.getOrDefault("datagramsDropped", 0L));
            s.workRefused.add(m.getOrDefault("workRefused", 0L));
            s.blockedLoops.add(m.getOrDefault("blockedLoops", 0L));
            m.forEach((k, v) -> {
                if (k.indexOf('.') > 0) { // an application's counter ({@code h2.rapidReset})
                    s.events.computeIfAbsent(k, e -> new LongAdder()).add(v);
                }
            });
        }
        return s;
    }

    /** The {@link #snapshot} written by {@link #toString} ({@code open=0 accepted=3 ...}), read back. */
    public static Map<String, Long> parse(String text) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String field : text.strip().split(" +")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                m.put(field.substring(0, eq), Long.parseLong(field.substring(eq + 1)));
            }
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        snapshot().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
