package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.iolab.apps.Apps;
import org.iolab.codec.LineDecoder;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.iolab.server.Workers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Transport#executeBlocking} on every engine: completions in the order of the calls
 * whatever order the tasks finish in, a connection with too many unfinished tasks not read, a
 * full pool refusing in turn, a task's failure told to its completion and a failing completion
 * ending the connection; and the heavy-offload app answering in order on every engine, worker
 * processes too.
 */
class OffloadContractTest {

    private static final long WAIT_SECONDS = 20;

    /** A line protocol whose every line is handed to {@code onLine} with the transport. */
    private static Application lines(BiConsumer<Transport, String> onLine) {
        return Application.tcp(info -> new Protocol() {
            private final LineDecoder decoder = new LineDecoder(1024);
            private Transport transport;

            @Override
            public void connectionMade(Transport t) {
                transport = t;
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                decoder.feed(data, line -> onLine.accept(transport, new String(line, StandardCharsets.UTF_8)));
            }
        });
    }

    private static void writeLine(Transport t, String text) {
        t.write(ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static Server start(String engine, Workers workers, Application app) {
        ServerConfig config = Servers.config(engine).toBuilder().workers(workers).build();
        return Servers.start(config, app);
    }

    private static void pass(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a test latch was not opened in " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void completionsComeInCallOrderWhateverOrderTasksFinish(String engine) throws Exception {
        int n = 8;
        CountDownLatch[] release = new CountDownLatch[n];
        for (int i = 0; i < n; i++) {
            release[i] = new CountDownLatch(1);
        }
        CountDownLatch started = new CountDownLatch(n);
        List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
        Application app = lines((t, line) -> {
            int i = Integer.parseInt(line);
            t.executeBlocking(() -> {
                started.countDown();
                pass(release[i]);
                finished.add(i);
                return i;
            }, (result, failure) -> writeLine(t, failure == null ? "done " + result : "failed " + failure));
        });
        try (Server server = start(engine, Workers.DEFAULT, app); Client c = new Client(server)) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < n; i++) {
                all.append(i).append('\n');
            }
            c.send(all.toString());
            pass(started);
            for (int i = n - 1; i >= 0; i--) { // the last given finishes first
                release[i].countDown();
                int finishedSoFar = n - i;
                await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> finished.size() == finishedSoFar);
            }
            for (int i = 0; i < n; i++) {
                assertThat(c.readLine()).isEqualTo("done " + i);
            }
            assertThat(finished).as("the tasks finished last first").containsExactly(7, 6, 5, 4, 3, 2, 1, 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aConnectionWithMoreUnfinishedTasksThanItsBoundIsNotRead(String engine) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        Application app = lines((t, line) -> {
            delivered.incrementAndGet();
            t.executeBlocking(() -> {
                pass(gate);
                return line;
            }, (result, failure) -> writeLine(t, result));
        });
        try (Server server = start(engine, Workers.DEFAULT.withPerConnection(2), app); Client c = new Client(server)) {
            c.send("a\nb\nc\n");
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> delivered.get() == 3);
            c.send("d\n");
            Thread.sleep(300); // what it must not do has its chance: read "d" while three tasks are unfinished
            assertThat(delivered.get()).as("lines read while 3 > 2 tasks are unfinished").isEqualTo(3);
            gate.countDown();
            assertThat(List.of(c.readLine(), c.readLine(), c.readLine(), c.readLine())).containsExactly("a", "b", "c", "d");
            assertThat(delivered.get()).isEqualTo(4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aFullPoolRefusesTheTaskAndItsCompletionIsToldInTurn(String engine) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Application app = lines((t, line) -> t.executeBlocking(() -> {
            pass(gate);
            return line;
        }, (result, failure) -> writeLine(t, failure instanceof RejectedExecutionException ? "refused " + line : "done " + result)));
        Workers oneAndOne = Workers.DEFAULT.withMaxRunning(1).withMaxWaiting(1);
        try (Server server = start(engine, oneAndOne, app); Client c = new Client(server)) {
            c.send("a\nb\nc\n"); // a runs, b waits, c finds both full
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> server.stats().workRefused() == 1);
            gate.countDown();
            assertThat(List.of(c.readLine(), c.readLine(), c.readLine())).containsExactly("done a", "done b", "refused c");
            c.send("d\n"); // room again
            assertThat(c.readLine()).isEqualTo("done d");
            assertThat(server.stats().workRefused()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aTasksFailureGoesToItsCompletionAndAFailingCompletionEndsTheConnection(String engine) throws Exception {
        Application app = lines((t, line) -> t.executeBlocking(() -> {
            if (line.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            return line;
        }, (result, failure) -> {
            if (failure != null) {
                writeLine(t, "failed " + failure.getMessage());
            } else if (result.equals("bad-completion")) {
                throw new IllegalStateException("a completion that throws");
            } else {
                writeLine(t, "done " + result);
            }
        }));
        try (Server server = start(engine, Workers.DEFAULT, app); Client c = new Client(server)) {
            c.send("boom\nfine\n");
            assertThat(c.readLine()).isEqualTo("failed boom");
            assertThat(c.readLine()).isEqualTo("done fine");
            c.send("bad-completion\n");
            assertThat(c.closedByServer()).as("a failing completion ends its connection").isTrue();
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> server.stats().callbackFailures() == 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void theHeavyOffloadAppAnswersInOrder(String engine) throws Exception {
        try (Server server = Servers.start(engine, Apps.create("heavy-offload", false)); Client c = new Client(server)) {
            c.send("abc!sleep 50\ndef\n!burn 20\nghi!nope\n");
            assertThat(List.of(c.readLine(), c.readLine(), c.readLine(), c.readLine()))
                    .containsExactly("ABC!SLEEP 50", "DEF", "!BURN 20", "GHI!NOPE");
        }
    }
}
