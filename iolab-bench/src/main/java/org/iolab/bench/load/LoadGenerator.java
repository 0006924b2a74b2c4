package org.iolab.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * The lab's closed-loop load: N active connections, each sends an exchange (an S-byte message of
 * lower-case letters for the upper app, one or several pipelined HTTP requests for http: see
 * {@link Exchange}) and waits for the whole reply before sending the next; every reply is
 * checked (mismatches are counted, never ignored). K idle connections are opened
 * first and held silent. A warm-up, then a measured window; latency per message into an
 * HdrHistogram. A few NIO threads (default one) carry all connections, so the generator is not
 * the bottleneck before the server is.
 *
 * <p>Thread rule: {@link #run} blocks its caller; the worker threads ({@link LoadWorker}) are its own,
 * and read the volatile switches here.
 */
public final class LoadGenerator {

    /**
     * What to run.
     *
     * @param tls the client's TLS (the active connections speak it; idle ones stay silent TCP), or
     *     {@code null} for clear text
     * @param connections kept, or a new one for every exchange (over TLS: a full or a resumed handshake each)
     */
    public record Spec(InetSocketAddress server, int conns, int idle, Exchange exchange, Duration warmup,
                       Duration duration, int threads, javax.net.ssl.SSLContext tls, Connections connections) {

        /** In clear text, on kept connections. */
        public Spec(InetSocketAddress server, int conns, int idle, Exchange exchange, Duration warmup, Duration duration,
                    int threads) {
            this(server, conns, idle, exchange, warmup, duration, threads, null, Connections.KEPT);
        }

        /** The upper app's echo of {@code size}-byte messages. */
        public Spec(InetSocketAddress server, int conns, int idle, int size, Duration warmup, Duration duration,
                    int threads) {
            this(server, conns, idle, Exchange.of("upper", size, 1), warmup, duration, threads);
        }
    }

    /** What happened in the measured window. */
    public record Result(long messages, long bytes, long mismatches, long errors, Histogram latencyMicros,
                         double seconds, long clientCpuNanos, int idleOpened, int unserved) {
    }

    /** Called at the edges of the measured window (to sample the server). */
    public interface Window {
        /** The idle connections are open (the server may still be accepting them). */
        default void idleOpened() throws IOException, InterruptedException {
        }

        /**
         * The warm-up's time is up: return when the server is ready to be measured (its JIT done
         * compiling), the load still running. Default: at once.
         */
        default void warmedUp() throws IOException, InterruptedException {
        }

        void started() throws IOException;

        void ended() throws IOException;
    }

    static final int CONNECT_TIMEOUT_MS = 2000;

    volatile int epoch;
    volatile java.util.concurrent.CountDownLatch connected;
    volatile boolean stop;
    /** Whether a reply is followed by the next message; off while the meters switch. */
    volatile boolean sending = true;
    /** Whether replies count (in the window, and the replies to what it sent). */
    volatile boolean counting = true;
    /** Messages sent and not yet answered, over all workers. */
    final AtomicInteger inFlight = new AtomicInteger();

    /** How long a pause waits for the replies in flight: a server that holds some (blocking) never sends them. */
    static final long QUIESCE_MS = 300;

    /** Stops sending and waits (bounded) until every message sent has its reply. */
    private void quiesce() throws InterruptedException {
        sending = false;
        long deadline = System.nanoTime() + QUIESCE_MS * 1_000_000;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /** Sends again on every connection the pause left waiting. */
    private void resume(List<LoadWorker> workers) {
        sending = true;
        workers.forEach(LoadWorker::wake);
    }

    public Result run(Spec spec, Window window) throws IOException, InterruptedException {
        // the server may stop accepting (an iterative server past its backlog): the row shows how
        // many idle connections were really held, and the one that failed counts as an error
        List<SocketChannel> idle = openIdle(spec.server(), spec.idle());
        int connectErrors = idle.size() < spec.idle() ? 1 : 0;
        try {
            if (!idle.isEmpty()) {
                window.idleOpened();
            }
            int threads = Math.max(1, Math.min(spec.threads(), spec.conns()));
            connected = new java.util.concurrent.CountDownLatch(threads);
            List<LoadWorker> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = spec.conns() / threads + (t < spec.conns() % threads ? 1 : 0);
                workers.add(new LoadWorker(this, spec.server(), share, spec.exchange(), spec.tls(), spec.connections()));
            }
            List<Thread> running = new ArrayList<>();
            for (LoadWorker w : workers) {
                running.add(Thread.ofPlatform().name("iolab-load").daemon(true).start(w));
            }
            // the warm-up starts once every connection is open (a thousand take a while)
            connected.await(60, java.util.concurrent.TimeUnit.SECONDS);
            Thread.sleep(spec.warmup().toMillis());
            window.warmedUp();
            // the load pauses while the server's meters switch on and off (perf takes a while
            // over thousands of threads): the server serves nothing it is not measured for
            quiesce();
            window.started();
            epoch++;
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            resume(workers);
            Thread.sleep(spec.duration().toMillis());
            quiesce(); // replies to what was sent in the window still count
            long t1 = System.nanoTime();
            long cpu1 = processCpuNanos();
            counting = false;
            window.ended();
            stop = true;
            workers.forEach(LoadWorker::wake); // not a select timeout later
            for (Thread t : running) {
                t.join(10_000);
            }
            Histogram all = new Histogram(60_000_000L, 3);
            long messages = 0;
            long mismatches = 0;
            long errors = connectErrors;
            int unserved = 0;
            for (LoadWorker w : workers) {
                all.add(w.latency);
                messages += w.messages;
                mismatches += w.mismatches;
                errors += w.errors;
                unserved += w.unserved;
            }
            return new Result(messages, messages * spec.exchange().payload(), mismatches, errors, all, (t1 - t0) / 1e9,
                    cpu1 - cpu0, idle.size(), unserved);
        } finally {
            stop = true;
            for (SocketChannel c : idle) {
                c.close();
            }
        }
    }

    /** A connection, or an exception after {@link #CONNECT_TIMEOUT_MS}: every wait is bounded. */
    static SocketChannel connect(InetSocketAddress server) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.socket().connect(server, CONNECT_TIMEOUT_MS);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Up to {@code n} idle connections, as many as the server accepts: it stops at the first that
     * fails (the caller reports how many it got). The caller closes them.
     */
    public static List<SocketChannel> openIdle(InetSocketAddress server, int n) {
        List<SocketChannel> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                open.add(connect(server));
            } catch (IOException e) {
                break;
            }
        }
        return open;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
