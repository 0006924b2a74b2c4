package org.iolab.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One thread of the lab's load ({@link LoadGenerator}): a selector over its share of the active
 * connections, each a closed loop of exchanges; it keeps its own counts and latencies, which
 * the generator adds up once the thread has ended.
 *
 * <p>Thread rule: its counts are its own thread's until {@link #run} returns; it reads the
 * generator's switches (sending, counting, the window's epoch, stop) as they change.
 */
final class LoadWorker implements Runnable, LoadSession.Owner {
    private final LoadGenerator load;
    private final InetSocketAddress server;
    private final int count;
    private final Exchange exchange;
    /** The load's TLS client, or null in clear text. */
    private final javax.net.ssl.SSLContext tls;
    /** A new connection for every exchange. */
    private final Connections connections;
    final Histogram latency = new Histogram(60_000_000L, 3);
    long messages;
    long mismatches;
    long errors;
    /** Connections that got no reply in the measured window. */
    int unserved;
    private int seenEpoch;
    private volatile Selector selector;
    /** Sessions the pause left without a message out. */
    private final List<LoadSession> parked = new ArrayList<>();

    LoadWorker(LoadGenerator load, InetSocketAddress server, int count, Exchange exchange,
               javax.net.ssl.SSLContext tls, Connections connections) {
        this.load = load;
        this.server = server;
        this.count = count;
        this.exchange = exchange;
        this.tls = tls;
        this.connections = connections;
    }

    @Override
    public void run() {
        try {
            runSessions();
        } catch (IOException e) {
            errors++;
        } finally {
            connectedOnce(); // a worker that failed early must not stall the run
        }
    }

    private boolean counted;

    private void connectedOnce() {
        if (!counted) {
            counted = true;
            load.connected.countDown();
        }
    }

    /** Makes the worker look at the pause again (it may be waiting in select). */
    void wake() {
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    private void runSessions() throws IOException {
        try (Selector selector = Selector.open()) {
            this.selector = selector;
            List<LoadSession> sessions = new ArrayList<>();
            java.nio.ByteBuffer records = tls == null ? null : java.nio.ByteBuffer.allocate(64 * 1024);
            for (int i = 0; i < count; i++) {
                LoadSession s = new LoadSession(this, server, selector, exchange, tls, connections, records);
                try {
                    if (!connections.reconnect()) {
                        s.open();
                    }
                    sessions.add(s);
                } catch (IOException e) {
                    errors++;
                }
            }
            connectedOnce();
            for (LoadSession s : sessions) {
                load.inFlight.incrementAndGet();
                s.send();
            }
            while (!load.stop) {
                selector.select(k -> ((LoadSession) k.attachment()).ready(), 100);
                if (load.sending && !parked.isEmpty()) {
                    List<LoadSession> now = new ArrayList<>(parked);
                    parked.clear();
                    for (LoadSession s : now) {
                        load.inFlight.incrementAndGet();
                        s.send();
                    }
                }
                if (seenEpoch != load.epoch) { // the measured window starts: forget the warm-up's
                    seenEpoch = load.epoch;    // timings (mismatches and errors are never forgotten)
                    latency.reset();
                    messages = 0;
                    sessions.forEach(s -> s.repliesInWindow = 0);
                }
            }
            unserved = (int) sessions.stream().filter(s -> s.repliesInWindow == 0).count()
                    + (count - sessions.size());
            for (LoadSession s : sessions) {
                s.closeQuietly();
            }
        }
    }

    @Override
    public void replied(LoadSession s, Exchange.Verdict verdict, long micros) {
        load.inFlight.decrementAndGet();
        if (verdict == Exchange.Verdict.WRONG) {
            mismatches++;
        }
        if (load.counting) {
            int m = exchange.messages(); // each pipelined request waited as long as the batch
            latency.recordValueWithCount(Math.min(micros, latency.getHighestTrackableValue()), m);
            messages += m;
            s.repliesInWindow++;
        }
        if (load.sending) {
            load.inFlight.incrementAndGet();
            s.send();
        } else {
            parked.add(s);
        }
    }

    @Override
    public void failed(LoadSession s) {
        load.inFlight.decrementAndGet(); // it failed with a message out: no reply will come
        errors++;
    }

    @Override
    public void cannotConnect(LoadSession s) {
        load.inFlight.decrementAndGet();
        errors++;
    }
}
