package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The thread rules of {@link Transport} on every engine: writes from foreign threads keep each
 * thread's order, a close from another thread flushes before the FIN, and the callbacks of one
 * connection never overlap, and resuming another connection's reading never runs its callbacks
 * inside the caller.
 */
class ThreadRulesContractTest {

    static final int WRITERS = 8;
    static final int CHUNKS = 2_000;

    /** Starts {@code body} on a platform thread of its own (not an engine thread). */
    private static Thread foreign(Runnable body) {
        return Thread.ofPlatform().daemon(true).start(body);
    }

    /**
     * A protocol that writes in {@code connectionMade} while the client's first bytes are
     * already there gets them only after {@code connectionMade} returns: a write that completes
     * at once (nio2 runs its completion on the calling thread) must not start reading inside it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void noDataArrivesInsideConnectionMadeEvenWhenItWritesWithTheClientsBytesWaiting(String engine) throws Exception {
        AtomicBoolean nested = new AtomicBoolean();
        Application app = Application.tcp(info -> new Protocol() {
            private boolean inMade;
            private Transport transport;

            @Override
            public void connectionMade(Transport t) {
                inMade = true;
                transport = t;
                org.iolab.engine.support.Threads.sleep(100); // the client's line arrives meanwhile
                for (int i = 0; i < 3; i++) {
                    t.write(ByteBuffer.wrap(("hello " + i + "\n").getBytes(StandardCharsets.US_ASCII)));
                }
                inMade = false;
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                if (inMade) {
                    nested.set(true);
                }
                transport.write(data);
            }
        });
        try (Server server = Servers.start(engine, app); Client c = new Client(server)) {
            c.send("ping\n");
            assertThat(List.of(c.readLine(), c.readLine(), c.readLine(), c.readLine()))
                    .containsExactly("hello 0", "hello 1", "hello 2", "ping");
            assertThat(nested).as("dataReceived inside connectionMade").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void writesFromEightForeignThreadsArriveInEachThreadsOrder(String engine) throws Exception {
        Application app = Application.tcp(info -> new Protocol() {
            @Override
            public void connectionMade(Transport t) {
                foreign(() -> {
                    List<Thread> writers = new ArrayList<>();
                    for (int w = 0; w < WRITERS; w++) {
                        int id = w;
                        writers.add(foreign(() -> {
                            for (int seq = 0; seq < CHUNKS; seq++) {
                                t.write(ByteBuffer.wrap(("w" + id + " " + seq + "\n").getBytes(StandardCharsets.US_ASCII)));
                            }
                        }));
                    }
                    for (Thread w : writers) {
                        try {
                            w.join(30_000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    t.close(); // from a foreign thread, after every write
                });
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                data.position(data.limit());
            }
        });
        try (Server server = Servers.start(engine, app); Client c = new Client(server)) {
            int[] next = new int[WRITERS];
            int lines = 0;
            String line;
            while ((line = c.readLine()) != null) {
                String[] parts = line.split(" ");
                int w = Integer.parseInt(parts[0].substring(1));
                assertThat(Integer.parseInt(parts[1])).as("next chunk of writer " + w).isEqualTo(next[w]);
                next[w]++;
                lines++;
            }
            assertThat(lines).isEqualTo(WRITERS * CHUNKS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void closeFromAnotherThreadFlushesEverythingThenSendsFin(String engine) throws Exception {
        byte[] payload = EchoContractTest.randomBytes(1 << 20, 5);
        Application app = Application.tcp(info -> new Protocol() {
            @Override
            public void connectionMade(Transport t) {
                foreign(() -> {
                    for (int at = 0; at < payload.length; at += 16 * 1024) {
                        t.write(ByteBuffer.wrap(payload, at, Math.min(16 * 1024, payload.length - at)));
                    }
                    t.close(); // with most of the MiB still queued: the peer reads slowly
                });
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                data.position(data.limit());
            }
        });
        try (Server server = Servers.start(engine, app); Client c = new Client(server, 32 * 1024)) {
            InputStream in = c.in;
            byte[] got = new byte[payload.length];
            int n = 0;
            byte[] piece = new byte[8 * 1024];
            int r;
            while ((r = in.read(piece)) > 0) { // a reset here throws and fails the test
                assertThat(n + r).as("no more than was written").isLessThanOrEqualTo(payload.length);
                System.arraycopy(piece, 0, got, n, r);
                n += r;
            }
            assertThat(r).as("a FIN: end of stream, not a reset").isEqualTo(-1);
            assertThat(n).isEqualTo(payload.length);
            assertThat(got).isEqualTo(payload);
        }
    }

    /**
     * A protocol whose every callback checks that no other callback of its connection is
     * running, while foreign threads write enough to turn writability on and off and the peer
     * sends data the whole time.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void callbacksOfOneConnectionNeverOverlap(String engine) throws Exception {
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger callbacks = new AtomicInteger();
        AtomicInteger writabilityFlips = new AtomicInteger();
        AtomicBoolean told = new AtomicBoolean(true);
        AtomicInteger lost = new AtomicInteger();
        AtomicBoolean afterLost = new AtomicBoolean();
        CountDownLatch writersDone = new CountDownLatch(1);
        Application app = Application.tcp(info -> new Protocol() {
            private final AtomicBoolean inside = new AtomicBoolean();

            private void enter() {
                callbacks.incrementAndGet();
                if (lost.get() > 0) {
                    afterLost.set(true);
                }
                if (!inside.compareAndSet(false, true)) {
                    overlaps.incrementAndGet();
                }
                Thread.onSpinWait(); // widen the window a little
            }

            private void exit() {
                inside.set(false);
            }

            @Override
            public void connectionMade(Transport t) {
                enter();
                try {
                    foreign(() -> {
                        byte[] chunk = new byte[4096];
                        for (int i = 0; i < 2048 && t.isOpen(); i++) {
                            t.write(ByteBuffer.wrap(chunk)); // 8 MiB: more than the kernel buffers
                        }
                        writersDone.countDown();
                    });
                } finally {
                    exit();
                }
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                enter();
                try {
                    data.position(data.limit());
                } finally {
                    exit();
                }
            }

            @Override
            public void writabilityChanged(boolean writable) {
                enter();
                try {
                    writabilityFlips.incrementAndGet();
                    told.set(writable);
                } finally {
                    exit();
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                enter();
                try {
                    lost.incrementAndGet();
                } finally {
                    exit();
                }
            }
        });
        try (Server server = Servers.start(engine, app)) {
            try (Client c = new Client(server, 32 * 1024)) {
                Thread sender = foreign(() -> {
                    try {
                        byte[] b = new byte[512];
                        for (int i = 0; i < 2_000; i++) {
                            c.out.write(b);
                        }
                        c.out.flush();
                    } catch (java.io.IOException ignored) {
                        // the assertions below decide
                    }
                });
                // read only once everything is queued and the protocol has been told it is not
                // writable; it is told again, that it is, as this drains the queue
                assertThat(writersDone.await(30, TimeUnit.SECONDS)).isTrue();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(told.get()).as("last told: not writable").isFalse());
                byte[] sink = new byte[64 * 1024];
                long read = 0;
                while (read < 8L << 20) {
                    int r = c.in.read(sink);
                    assertThat(r).isPositive();
                    read += r;
                }
                sender.join(30_000);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lost.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(overlaps.get()).as("overlapping callbacks").isZero();
        assertThat(lost.get()).as("connectionLost calls").isEqualTo(1);
        assertThat(afterLost.get()).as("a callback after connectionLost").isFalse();
        assertThat(writabilityFlips.get()).as("told: not writable, then writable").isGreaterThanOrEqualTo(2);
        assertThat(told.get()).as("last told: writable (everything was sent)").isTrue();
        assertThat(callbacks.get()).isGreaterThan(3);
    }

    /**
     * A connection's callback resumes another connection that paused with input already
     * received (a multishot receive reads ahead of a pause): the resumed connection's
     * {@code dataReceived} must not run inside the caller's callback (a chat room resumes its
     * talkers under its own lock, from a member's callback: run inline, the talker's next
     * lines re-entered the room half-way through its bookkeeping and the talker stayed paused
     * for good on iouring). Its input is still all delivered, in order, once the call is over.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#concurrentTcp")
    void resumingAnotherConnectionRunsNoCallbackInsideTheCaller(String engine) throws Exception {
        int size = 256 * 1024;
        byte[] payload = EchoContractTest.randomBytes(size, 11);
        payload[0] = 'p'; // not 'g', which the other connection sends to resume this one
        AtomicReference<Transport> paused = new AtomicReference<>();
        AtomicReference<Thread> resumer = new AtomicReference<>();
        AtomicInteger nested = new AtomicInteger();
        Application app = Application.tcp(info -> new Protocol() {
            private Transport t;
            private boolean first = true;

            @Override
            public void connectionMade(Transport transport) {
                t = transport;
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                if (resumer.get() == Thread.currentThread()) {
                    nested.incrementAndGet(); // inside the other connection's resumeReading call
                }
                if (data.get(data.position()) == 'g' && paused.get() != null && paused.get() != t) {
                    data.position(data.limit());
                    resumer.set(Thread.currentThread());
                    paused.get().resumeReading();
                    resumer.set(null);
                    t.write(ByteBuffer.wrap("ok\n".getBytes(StandardCharsets.US_ASCII)));
                    return;
                }
                t.write(ByteBuffer.allocate(data.remaining()).put(data).flip()); // echo
                if (first) {
                    first = false;
                    t.pauseReading(); // with more of the payload already on its way in
                    paused.set(t);
                }
            }
        });
        try (Server server = Servers.start(engine, app); Client b = new Client(server)) {
            Thread sender = foreign(() -> {
                try {
                    b.out.write(payload);
                    b.out.flush();
                } catch (java.io.IOException ignored) {
                    // the echo decides
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> paused.get() != null);
            Thread.sleep(100); // let the rest of the payload reach the server while it is paused
            try (Client a = new Client(server)) {
                a.send("go\n");
                assertThat(a.readLine()).isEqualTo("ok");
            }
            byte[] got = b.in.readNBytes(size);
            sender.join(30_000);
            assertThat(got).as("every byte of the resumed connection, in order").isEqualTo(payload);
        }
        assertThat(nested.get()).as("dataReceived calls inside another connection's resumeReading").isZero();
    }
}
