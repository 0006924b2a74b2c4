package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.iolab.apps.UpperProtocol;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The connection cap and the graceful stop, on every engine they apply to. */
class LimitsContractTest {

    private static final Application UPPER = Application.tcp(info -> new UpperProtocol());

    private static void roundTrip(Client c, String text) throws Exception {
        c.send(text + "\n");
        assertThat(c.readLine()).isEqualTo(text.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * {@code --max-connections 3}: the fourth is closed at once and counted, the three are still
     * served, and once one leaves a newcomer is served again. ({@code blocking} is left out: it
     * serves one connection at a time and never holds a fourth.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#concurrentTcp")
    void theFourthOfThreeAllowedIsClosedAndCountedAndTheThreeAreStillServed(String engine) throws Exception {
        try (Server server = Servers.start(Servers.config(engine).toBuilder().maxConnections(3).build(), UPPER)) {
            List<Client> three = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Client c = new Client(server);
                roundTrip(c, "member " + i);
                three.add(c);
            }
            try (Client fourth = new Client(server)) {
                fourth.out.write("anyone?\n".getBytes());
                assertThat(fourth.closedByServer()).as("the fourth is closed").isTrue();
            }
            assertThat(server.stats().rejected()).isEqualTo(1);
            for (int i = 0; i < 3; i++) {
                roundTrip(three.get(i), "still here " + i);
            }
            three.removeFirst().close();
            // the server learns of the departure asynchronously: retry until a newcomer is served
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
                try (Client newcomer = new Client(server)) {
                    roundTrip(newcomer, "newcomer");
                }
            });
            for (Client c : three) {
                c.close();
            }
        }
    }

    /**
     * A graceful stop while 1 MiB waits for a slow reader: the reader gets every byte, then end
     * of stream, and the stop returns.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aGracefulStopDeliversEveryPendingByteToASlowReaderThenEof(String engine) throws Exception {
        byte[] payload = EchoContractTest.randomBytes(8 << 20, 17);
        AtomicLong pending = new AtomicLong();
        Application app = Application.tcp(info -> new Protocol() {
            private Transport t;

            @Override
            public void connectionMade(Transport transport) {
                t = transport;
                t.write(ByteBuffer.wrap(payload));
                pending.set(t.bufferedBytes());
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                data.position(data.limit());
            }
        });
        Server server = Servers.start(Servers.config(engine).toBuilder()
                .shutdownGrace(Duration.ofSeconds(30)).build(), app);
        try (Client c = new Client(server, 16 * 1024)) {
            InputStream in = c.in;
            byte[] first = in.readNBytes(1024); // connected and served
            await().atMost(Duration.ofSeconds(20)).until(() -> pending.get() >= 1 << 20);
            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(30)));
            byte[] got = new byte[payload.length];
            System.arraycopy(first, 0, got, 0, first.length);
            int n = first.length;
            byte[] piece = new byte[16 * 1024];
            int r;
            while ((r = in.read(piece)) > 0) {
                assertThat(n + r).isLessThanOrEqualTo(payload.length);
                System.arraycopy(piece, 0, got, n, r);
                n += r;
                Thread.sleep(2); // slow: about 8 MiB/s at most
            }
            assertThat(r).as("end of stream, not a reset").isEqualTo(-1);
            assertThat(n).isEqualTo(payload.length);
            assertThat(got).isEqualTo(payload);
            stop.get(60, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }
}
