package org.iolab.bench.scenarios;

import org.iolab.bench.load.Exchange;
import org.iolab.bench.load.LabTls;
import org.iolab.bench.load.LoadGenerator;
import org.iolab.bench.measure.ServerProcess;
import org.iolab.bench.peers.Target;
import java.io.IOException;
import java.time.Duration;

/**
 * How a comparison runs its scenarios: the windows, the pinning, and where servers come from.
 * A full run starts a fresh server for every run, except that a sweep's points on one target
 * share one (see {@link #group}); quick mode keeps one server per target for all its scenarios
 * (a scenario that needs its own, such as one-at-a-time, asks for it).
 *
 * <p>Thread rule: one comparison thread.
 */
public final class RunContext implements AutoCloseable {

    /** Work done with a server. */
    @FunctionalInterface
    public interface WithServer<T> {
        T apply(ServerProcess server) throws IOException, InterruptedException;
    }

    final boolean quick;
    final boolean pin;
    /** Event loops of the servers: one when pinned, else the engine's default. */
    final int loops;
    /** A load's warm-up on a server's first run (its JIT is cold). */
    final Duration warmup;
    /**
     * An HTTP load's warm-up on a fresh server: Netty's HTTP codec takes seconds to compile at the
     * lab's rates (pipelined, Netty spent 3.11 us of CPU per request after 1 s, 1.73 after 3 s,
     * 1.41 after 6 s and 1.43 after 10 s, as wrk measured it at steady state; iolab's epoll 0.68
     * to 0.76 from 1 s on), so a 1 s warm-up would measure Netty's JIT, not its IO.
     */
    static final Duration HTTP_WARMUP = Duration.ofSeconds(5);
    /**
     * A handshake load's warm-up: the JDK's elliptic-curve code (X25519, ECDSA P-256) needs
     * thousands of handshakes to compile, and the lab's JDK client makes about 370 a second here:
     * iolab's epoll spent 4.96 ms of CPU per handshake after 5 s of warm-up, 2.0 to 2.3 ms after
     * 20 s, and an in-memory loop of JDK handshakes settles at 1.2 ms on the server's side.
     */
    static final Duration HANDSHAKE_WARMUP = Duration.ofSeconds(15);
    /** A load's warm-up on a server that has run one already (the connections settle). */
    final Duration nextWarmup;
    final Duration window;
    /** How much longer than the warm-up a load waits, at most, for the server's JIT to finish (none in quick mode). */
    final Duration jitSettle;
    /** How long an idle run watches the server. */
    final Duration quiet;
    /** How long the first client of a one-at-a-time run holds the server. */
    public final Duration hold;
    private ServerProcess shared;
    /** The target and group the shared server serves. */
    private String sharedFor;
    private String group;
    /** Whether the server of the run under way has run nothing before it. */
    private boolean fresh;

    public RunContext(boolean quick, boolean pin) {
        this.quick = quick;
        this.pin = pin;
        this.loops = pin ? 1 : 0;
        // full: 2 s windows after 1 s of warm-up on a fresh server (0.5 s on a sweep's next point),
        // so that three rounds of 13 scenarios (145 runs a round) fit in half an hour on 2 cores;
        // the median of three 2 s windows says more than one 6 s window
        // quick: 0.1 s to bring a run's connections to a steady state, the server warmed once (0.3 s) before its first,
        // a 0.3 s window: 160 runs in 3 minutes on 2 cores, a smoke test
        this.warmup = Duration.ofMillis(quick ? 100 : 1000);
        this.nextWarmup = Duration.ofMillis(quick ? 100 : 500);
        this.window = Duration.ofMillis(quick ? 300 : 2000);
        this.jitSettle = quick ? Duration.ZERO : Duration.ofSeconds(20);
        this.quiet = Duration.ofMillis(quick ? 400 : 2000);
        this.hold = Duration.ofMillis(quick ? 300 : 1000);
    }

    /**
     * The group of the runs that follow ({@code null}: none): in a full run, consecutive runs of
     * one group on one target share a server, as a sweep's points do.
     */
    public void group(String name) {
        this.group = name;
    }

    /**
     * Runs {@code work} with a server of {@code target}: a fresh one, the group's shared one, or
     * quick mode's shared one.
     */
    public <T> T withServer(Target target, WithServer<T> work) throws IOException, InterruptedException {
        return withServer(target, loops, work);
    }

    /** {@link #withServer(Target, WithServer)} with {@code eventLoops} loops (0: the engine's default). */
    public <T> T withServer(Target target, int eventLoops, WithServer<T> work) throws IOException, InterruptedException {
        if (!quick && group == null) {
            close();
            fresh = true;
            try (ServerProcess server = ServerProcess.start(target, eventLoops, pin)) {
                return work.apply(server);
            }
        }
        // a server serves one app, in clear or over TLS: a tls comparison mixes the echo and http
        String key = target.name() + "/" + target.app() + (target.tls() ? "/tls" : "") + (quick ? "" : "/" + group)
                + "/" + eventLoops;
        if (!key.equals(sharedFor)) {
            close();
            shared = ServerProcess.start(target, eventLoops, pin);
            sharedFor = key;
            fresh = true;
            if (quick) {
                warm(shared, target);
            }
        }
        try {
            return work.apply(shared);
        } catch (IOException | RuntimeException e) {
            close(); // a server that failed a run is not trusted with the next
            throw e;
        } finally {
            fresh = false;
        }
    }

    /**
     * The warm-up of the load about to run: longer on a server's first run, whose JIT is cold,
     * and longer still for the http app ({@link #HTTP_WARMUP}).
     */
    Duration warmup(String app, boolean tls, boolean reconnect) {
        if (quick) {
            return nextWarmup;
        }
        if (reconnect) {
            return HANDSHAKE_WARMUP; // whether fresh or not: the lab's load makes a few hundred a second
        }
        if (!fresh) {
            return nextWarmup;
        }
        return app.equals("http") || tls ? HTTP_WARMUP : warmup; // the TLS code paths want their JIT too
    }

    /**
     * Quick mode's one warm-up per server, the same for every target, before its first
     * scenario: otherwise the first scenario warms the JIT for the rest, and a target whose code
     * needs more of it (Netty) pays for that in whichever scenario comes first.
     */
    private void warm(ServerProcess server, Target target) throws IOException, InterruptedException {
        if (target.app().equals("h2")) {
            return; // the lab's load speaks no HTTP/2: h2load warms each h2 run itself
        }
        new LoadGenerator().run(new LoadGenerator.Spec(new java.net.InetSocketAddress("127.0.0.1", server.port()),
                10, 0, Exchange.of(target.app().startsWith("heavy") ? "upper" : target.app(), 64, 1), // the heavy app
                Duration.ZERO, QUICK_WARMUP, 1,                                                      // echoes as upper
                target.tls() ? LabTls.get().client : null, org.iolab.bench.load.Connections.KEPT), new LoadGenerator.Window() {
                    @Override
                    public void started() {
                    }

                    @Override
                    public void ended() {
                    }
                });
    }

    /** How long quick mode warms each server. */
    static final Duration QUICK_WARMUP = Duration.ofMillis(300);

    /** A fresh server with the engine's default loops, for a run that must have its own. */
    public ServerProcess freshServer(Target target) throws IOException {
        if (!quick) {
            close(); // a sweep's server is done by now
        }
        return ServerProcess.start(target, 0, pin);
    }

    @Override
    public void close() {
        if (shared != null) {
            shared.close();
        }
        shared = null;
        sharedFor = null;
    }
}
