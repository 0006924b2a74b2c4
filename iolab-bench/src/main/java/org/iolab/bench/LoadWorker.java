package org.iolab.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
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
final class LoadWorker implements Runnable {
    private final LoadGenerator load;
    private final InetSocketAddress server;
    private final int count;
    private final Exchange exchange;
    final Histogram latency = new Histogram(60_000_000L, 3);
    long messages;
    long mismatches;
    long errors;
    /** Connections that got no reply in the measured window. */
    int unserved;
    private int seenEpoch;
    private volatile Selector selector;
    /** Sessions the pause left without a message out. */
    private final List<Session> parked = new ArrayList<>();

    LoadWorker(LoadGenerator load, InetSocketAddress server, int count, Exchange exchange) {
        this.load = load;
        this.server = server;
        this.count = count;
        this.exchange = exchange;
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
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                try {
                    SocketChannel ch = LoadGenerator.connect(server);
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    Session s = new Session(ch);
                    s.key = ch.register(selector, 0, s);
                    sessions.add(s);
                } catch (IOException e) {
                    errors++;
                }
            }
            connectedOnce();
            for (Session s : sessions) {
                s.send();
            }
            while (!load.stop) {
                selector.select(s -> ((Session) s.attachment()).ready(), 100);
                if (load.sending && !parked.isEmpty()) {
                    parked.forEach(Session::send);
                    parked.clear();
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
            for (Session s : sessions) {
                s.ch.close();
            }
        }
    }

    /** One active connection's closed loop. */
    private final class Session {
        SocketChannel ch;
        final ByteBuffer out;
        /** The reply so far; grows when a reply is larger than the exchange expected. */
        ByteBuffer in;
        SelectionKey key;
        long sentAt;
        long repliesInWindow;

        Session(SocketChannel ch) {
            this.ch = ch;
            ByteBuffer request = exchange.request();
            this.out = ByteBuffer.allocateDirect(request.remaining()).put(request).flip();
            this.in = ByteBuffer.allocateDirect(exchange.replyCapacity());
        }

        void send() {
            out.rewind();
            in.clear();
            load.inFlight.incrementAndGet();
            sentAt = System.nanoTime();
            write();
        }

        void write() {
            try {
                ch.write(out);
            } catch (IOException e) {
                fail();
                return;
            }
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        void ready() {
            if (!key.isValid()) {
                return;
            }
            if (key.isWritable() && out.hasRemaining()) {
                write();
            }
            if (!key.isValid() || !key.isReadable()) {
                return;
            }
            int n;
            try {
                n = ch.read(in);
            } catch (IOException e) {
                fail();
                return;
            }
            if (n < 0) {
                fail(); // the server closed (or refused) this connection
                return;
            }
            in.flip();
            Exchange.Verdict verdict = exchange.check(in);
            if (verdict == Exchange.Verdict.INCOMPLETE) {
                in.position(in.limit()).limit(in.capacity());
                if (!in.hasRemaining()) { // a reply larger than expected: room for the rest
                    in = ByteBuffer.allocateDirect(in.capacity() * 2).put(in.flip());
                }
                return;
            }
            long micros = (System.nanoTime() - sentAt) / 1000;
            load.inFlight.decrementAndGet();
            if (verdict == Exchange.Verdict.WRONG) {
                mismatches++;
            }
            if (verdict == Exchange.Verdict.RIGHT_THEN_CLOSED && !reopen()) {
                return;
            }
            if (load.counting) {
                int m = exchange.messages(); // each pipelined request waited as long as the batch
                latency.recordValueWithCount(Math.min(micros, latency.getHighestTrackableValue()), m);
                messages += m;
                repliesInWindow++;
            }
            if (load.sending) {
                send();
            } else {
                parked.add(this);
            }
        }

        /**
         * The server closes this connection after the reply just read (its cap of requests
         * per connection): the next exchange goes on a new one. False when none could be opened.
         */
        boolean reopen() {
            key.cancel();
            try {
                ch.close();
                ch = LoadGenerator.connect(server);
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                key = ch.register(key.selector(), 0, this);
                return true;
            } catch (IOException e) {
                errors++;
                return false;
            }
        }

        void fail() {
            load.inFlight.decrementAndGet(); // it failed with a message out: no reply will come
            errors++;
            key.cancel();
            try {
                ch.close();
            } catch (IOException ignored) {
                // counted already
            }
        }
    }
}
