package org.iolab.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.iolab.apps.UpperProtocol;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.api.Test;

/** The generator verifies every reply: a server that corrupts is caught, a correct one is not. */
class LoadGeneratorTest {

    private static final LoadGenerator.Window NO_WINDOW = new LoadGenerator.Window() {
        @Override
        public void started() {
        }

        @Override
        public void ended() {
        }
    };

    private static LoadGenerator.Result load(Server server, int conns, int idle) throws IOException, InterruptedException {
        return new LoadGenerator().run(new LoadGenerator.Spec(new InetSocketAddress("127.0.0.1", server.port()),
                conns, idle, 64, Duration.ofMillis(100), Duration.ofMillis(400), 1), NO_WINDOW);
    }

    private static ServerConfig config() {
        return ServerConfig.builder().engine("nio").port(0).shutdownGrace(Duration.ofSeconds(1)).build();
    }

    @Test
    void aCorrectServerGivesRepliesAndNoMismatch() throws Exception {
        try (Server server = Server.start(config(), Application.tcp(c -> new UpperProtocol()))) {
            LoadGenerator.Result r = load(server, 4, 3);
            assertThat(r.messages()).isPositive();
            assertThat(r.mismatches()).isZero();
            assertThat(r.errors()).isZero();
            assertThat(r.idleOpened()).isEqualTo(3);
            assertThat(r.latencyMicros().getTotalCount()).isEqualTo(r.messages());
            assertThat(r.unserved()).isZero();
        }
    }

    @Test
    void aServerThatCorruptsOneByteIsCaught() throws Exception {
        long target = 64 * 10 + 17; // one byte of the eleventh reply
        Application corrupting = Application.tcp(c -> new Protocol() {
            private Transport t;
            private long seen;

            @Override
            public void connectionMade(Transport transport) {
                t = transport;
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                org.iolab.apps.Upper.inPlace(data);
                int n = data.remaining();
                if (seen <= target && target < seen + n) {
                    data.put(data.position() + (int) (target - seen), (byte) '#');
                }
                seen += n;
                t.write(data);
            }
        });
        try (Server server = Server.start(config(), corrupting)) {
            assertThat(load(server, 1, 0).mismatches()).isEqualTo(1);
        }
    }

    @Test
    void httpRequestsPipelinedOrNotAreEachAnsweredAndCounted() throws Exception {
        try (Server server = Server.start(config(), org.iolab.apps.Apps.create("http", false))) {
            for (int depth : new int[] {1, 16}) {
                LoadGenerator.Result r = new LoadGenerator().run(new LoadGenerator.Spec(
                        new InetSocketAddress("127.0.0.1", server.port()), 4, 2, Exchange.of("http", 64, depth),
                        Duration.ofMillis(100), Duration.ofMillis(400), 1), NO_WINDOW);
                assertThat(r.messages()).as("depth %d", depth).isPositive();
                assertThat(r.messages() % depth).isZero();
                assertThat(r.bytes()).isEqualTo(r.messages() * "Hello, World!".length());
                assertThat(r.mismatches()).isZero();
                assertThat(r.errors()).isZero();
                assertThat(r.unserved()).isZero();
                assertThat(r.latencyMicros().getTotalCount()).isEqualTo(r.messages());
            }
        }
    }

    @Test
    void aServerThatClosesAfterItsCapOfRequestsIsReconnectedToWithoutAnError() throws Exception {
        Application capped = Application.tcp(c -> new org.iolab.apps.http.HttpProtocol(
                org.iolab.apps.DemoRoutes.router(), 10));
        try (Server server = Server.start(config(), capped)) {
            LoadGenerator.Result r = new LoadGenerator().run(new LoadGenerator.Spec(
                    new InetSocketAddress("127.0.0.1", server.port()), 2, 0, Exchange.of("http", 64, 5),
                    Duration.ofMillis(100), Duration.ofMillis(300), 1), NO_WINDOW);
            assertThat(r.messages()).isGreaterThan(40); // past the cap on each connection
            assertThat(r.mismatches()).isZero();
            assertThat(r.errors()).isZero();
            assertThat(server.stats().accepted()).isGreaterThan(4);
        }
    }

    @Test
    void webSocketMessagesFollowTheOpeningHandshakeOnEachConnectionAndAServerThatRefusesItIsCaught() throws Exception {
        try (Server server = Server.start(config(), org.iolab.apps.Apps.create("ws", false))) {
            LoadGenerator.Result r = new LoadGenerator().run(new LoadGenerator.Spec(
                    new InetSocketAddress("127.0.0.1", server.port()), 4, 0, Exchange.of("ws", 200, 1),
                    Duration.ofMillis(100), Duration.ofMillis(400), 1), NO_WINDOW);
            assertThat(r.messages()).isPositive();
            assertThat(r.bytes()).isEqualTo(r.messages() * 200);
            assertThat(r.mismatches()).isZero();
            assertThat(r.errors()).isZero();
            assertThat(r.unserved()).isZero();
        }
        try (Server server = Server.start(config(), org.iolab.apps.Apps.create("http", false))) { // answers 404, not 101
            LoadGenerator.Result r = new LoadGenerator().run(new LoadGenerator.Spec(
                    new InetSocketAddress("127.0.0.1", server.port()), 2, 0, Exchange.of("ws", 64, 1),
                    Duration.ofMillis(100), Duration.ofMillis(300), 1), NO_WINDOW);
            assertThat(r.messages()).isZero();
            assertThat(r.errors()).isPositive();
        }
    }

    @Test
    void anHttpServerThatAnswersSomethingElseIsCaught() throws Exception {
        // the upper app upper-cases the request itself: bytes come back, never an HTTP reply
        try (Server server = Server.start(config(), Application.tcp(c -> new UpperProtocol()))) {
            LoadGenerator.Result r = new LoadGenerator().run(new LoadGenerator.Spec(
                    new InetSocketAddress("127.0.0.1", server.port()), 1, 0, Exchange.of("http", 64, 1),
                    Duration.ofMillis(100), Duration.ofMillis(300), 1), NO_WINDOW);
            assertThat(r.messages()).isPositive();
            assertThat(r.mismatches()).isGreaterThanOrEqualTo(r.messages()); // no reply was HTTP's (the warm-up's count too)
        }
    }
}
