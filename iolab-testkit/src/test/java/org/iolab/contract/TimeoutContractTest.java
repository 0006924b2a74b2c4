package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.stream.Stream;
import org.iolab.apps.ChatRoom;
import org.iolab.apps.MenuProtocol;
import org.iolab.apps.MenuStreamHandler;
import org.iolab.apps.UpperProtocol;
import org.iolab.server.Application;
import org.iolab.server.Engines;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three timeouts on every engine, with short settings: a line left incomplete gets an error
 * line and a close (and no longer holds a worker of a pool of one), an idle connection is
 * closed unless its app is spared (a chat member may only listen), and output that makes no
 * progress resets the connection.
 */
class TimeoutContractTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final String LINE_ERROR = "error: line not completed within 0.3 s, closing";

    static ServerConfig.Builder shortTimeouts(String engine, Duration line, Duration idle, Duration stall) {
        return Servers.config(engine).toBuilder().lineTimeout(line).idleTimeout(idle).writeStallTimeout(stall);
    }

    /** Waits up to 10 s for the count of {@code kind}; whether it came. */
    static boolean counted(Server server, Timeout kind) throws InterruptedException {
        for (int i = 0; i < 500 && server.stats().timeouts(kind) == 0; i++) {
            Thread.sleep(20);
        }
        return server.stats().timeouts(kind) == 1;
    }

    static void halfALineGetsTheErrorLineThenTheEnd(Server server) throws Exception {
        try (Client c = new Client(server)) {
            assertThat(c.readLine() + "\n").isEqualTo(MenuProtocol.GREETING);
            c.send("0"); // and never the newline
            assertThat(c.readLine()).isEqualTo(LINE_ERROR);
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(counted(server, Timeout.LINE)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aLineLeftIncompleteGetsAnErrorLineThenAClose(String engine) throws Exception {
        ServerConfig config = shortTimeouts(engine, SHORT, Duration.ZERO, Duration.ZERO).build();
        try (Server server = Servers.start(config, Application.tcp(c -> new MenuProtocol()).lines())) {
            halfALineGetsTheErrorLineThenTheEnd(server);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#stream")
    void aStreamHandlerLeftWaitingForALineIsClosedToo(String engine) throws Exception {
        ServerConfig config = shortTimeouts(engine, SHORT, Duration.ZERO, Duration.ZERO).build();
        try (Server server = Servers.start(config, Application.stream(new MenuStreamHandler()).lines())) {
            halfALineGetsTheErrorLineThenTheEnd(server);
        }
    }

    static Stream<String> oneWorker() {
        return Stream.of("blocking", "pool").filter(e -> Engines.find(e).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneWorker")
    void aSlowlorisNoLongerHoldsTheOnlyWorker(String engine) throws Exception {
        ServerConfig.Builder b = shortTimeouts(engine, SHORT, Duration.ZERO, Duration.ZERO);
        if (engine.equals("pool")) {
            b.option("pool-size", "1");
        }
        ServerConfig config = b.build();
        for (Application app : new Application[] {Application.tcp(c -> new MenuProtocol()).lines(),
                Application.stream(new MenuStreamHandler()).lines()}) {
            try (Server server = Servers.start(config, app); Client slow = new Client(server)) {
                assertThat(slow.readLine() + "\n").isEqualTo(MenuProtocol.GREETING);
                slow.send("0"); // holds the only worker with half a line
                try (Client next = new Client(server)) {
                    assertThat(next.readLine() + "\n").as("served once the slowloris is cut off")
                            .isEqualTo(MenuProtocol.GREETING);
                }
                assertThat(slow.readLine()).isEqualTo(LINE_ERROR);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout(String engine) throws Exception {
        ServerConfig config = shortTimeouts(engine, Duration.ZERO, SHORT, Duration.ZERO).build();
        try (Server server = Servers.start(config, Application.tcp(c -> new UpperProtocol()));
             Client c = new Client(server)) {
            c.send("once\n");
            long sent = System.nanoTime(); // the server saw input at or after this
            assertThat(c.readLine()).isEqualTo("ONCE");
            assertThat(c.closedByServer()).as("closed when idle").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("never before the timeout has passed")
                    .isGreaterThanOrEqualTo(SHORT);
            assertThat(counted(server, Timeout.IDLE)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#concurrentTcp")
    void aChatMemberWhoOnlyListensIsNeverIdle(String engine) throws Exception {
        ServerConfig config = shortTimeouts(engine, Duration.ZERO, SHORT, Duration.ZERO).build();
        try (Server server = Servers.start(config, Application.tcp(new ChatRoom()).lines().exemptFromIdleTimeout())) {
            Client listener = ChatContractTest.join(server, "listener");
            Client talker = ChatContractTest.join(server, "talker");
            try (listener; talker) {
                for (int i = 0; i < 4; i++) { // four idle timeouts pass while the listener says nothing
                    Thread.sleep(SHORT.toMillis());
                    talker.send("line " + i + "\n");
                    String expected = ChatContractTest.prefix(talker) + "line " + i;
                    String got;
                    do {
                        got = listener.readLine();
                    } while (got != null && !got.equals(expected));
                    assertThat(got).isEqualTo(expected);
                }
            }
            assertThat(server.stats().timeouts(Timeout.IDLE)).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void outputThatMakesNoProgressResetsTheConnection(String engine) throws Exception {
        ServerConfig config = shortTimeouts(engine, Duration.ZERO, Duration.ZERO, SHORT).build();
        try (Server server = Servers.start(config, Application.tcp(c -> new UpperProtocol()));
             Client c = new Client(server, 4096)) {
            Thread writer = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    c.out.write(new byte[8 << 20]); // echoed into a peer that never reads
                } catch (IOException expected) {
                    // the server gives up on us
                }
            });
            assertThat(counted(server, Timeout.WRITE_STALL)).as("the stalled connection was reset").isTrue();
            writer.join(Client.TIMEOUT_MS);
            assertThat(writer.isAlive()).as("the writer saw the end").isFalse();
            try {
                c.in.skip(Long.MAX_VALUE); // whatever was sent, then the end (or a reset)
            } catch (SocketException reset) {
                // fine
            }
        }
    }
}
