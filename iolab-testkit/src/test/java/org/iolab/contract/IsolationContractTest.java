package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.iolab.codec.LineDecoder;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One bad connection harms nobody else, checked while the others are open: a bystander
 * connects first, an offender misbehaves, and the bystander's next round trip must still come
 * back. One event loop, so the two share it (on thread engines they share the server).
 */
class IsolationContractTest {

    static final int MAX_LINE = 1024;
    static final String TOO_LONG = "error: line too long\n";

    /**
     * Upper-cases each line; a line starting with {@code !} makes the callback throw; a line
     * over {@link #MAX_LINE} bytes gets an error line and a close.
     */
    static final class StrictUpper implements Protocol {
        private final LineDecoder lines = new LineDecoder(MAX_LINE);
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            if (!lines.feed(data, this::line)) {
                transport.write(ByteBuffer.wrap(TOO_LONG.getBytes(StandardCharsets.UTF_8)));
                transport.close();
            }
        }

        private void line(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.startsWith("!")) {
                throw new IllegalStateException("boom (expected by the test)");
            }
            transport.write(ByteBuffer.wrap((text.toUpperCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static Server start(String engine) {
        ServerConfig one = Servers.config(engine).toBuilder().eventLoops(Servers.eventLoops(engine, 1)).build();
        return Servers.start(one, Application.tcp(info -> new StrictUpper()));
    }

    private static void roundTrip(Client c, String text) throws Exception {
        c.send(text + "\n");
        assertThat(c.readLine()).as("the bystander's round trip").isEqualTo(text.toUpperCase(Locale.ROOT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#concurrentTcp")
    void aResetMidWriteLeavesTheBystanderServed(String engine) throws Exception {
        try (Server server = start(engine); Client bystander = new Client(server)) {
            roundTrip(bystander, "before");
            Client rude = new Client(server);
            rude.send("x".repeat(1000) + "\n");
            rude.send(("y".repeat(1000) + "\n").repeat(200)); // replies pending to a peer about to vanish
            rude.socket.setSoLinger(true, 0);
            rude.close(); // RST
            roundTrip(bystander, "after a reset");
            roundTrip(bystander, "and again");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#concurrentTcp")
    void aFailingCallbackLeavesTheBystanderServed(String engine) throws Exception {
        try (Server server = start(engine); Client bystander = new Client(server)) {
            roundTrip(bystander, "before");
            try (Client bad = new Client(server)) {
                bad.send("fine\n");
                assertThat(bad.readLine()).isEqualTo("FINE");
                bad.send("!crash\n"); // the connection is reset: what it was still owed may be lost
                assertThat(bad.closedByServer()).as("the failing connection is closed").isTrue();
            }
            assertThat(server.stats().callbackFailures()).isEqualTo(1);
            roundTrip(bystander, "after a failing callback");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#concurrentTcp")
    void anOverlongLineLeavesTheBystanderServed(String engine) throws Exception {
        try (Server server = start(engine); Client bystander = new Client(server)) {
            roundTrip(bystander, "before");
            try (Client bad = new Client(server)) {
                bad.send("z".repeat(MAX_LINE * 5)); // no newline, ever
                assertThat(bad.readLine() + "\n").isEqualTo(TOO_LONG);
                assertThat(bad.closedByServer()).isTrue();
            }
            roundTrip(bystander, "after an over-long line");
        }
    }
}
