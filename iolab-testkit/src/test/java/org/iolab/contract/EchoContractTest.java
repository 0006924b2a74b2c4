package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.iolab.apps.Apps;
import org.iolab.apps.UpperProtocol;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The upper-case echo contract, run on every engine that serves a TCP Protocol. */
class EchoContractTest {

    private static final Application UPPER = Apps.create("upper", false); // named: worker processes make it too

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] upper(byte[] in) {
        byte[] out = in.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'a' && out[i] <= 'z') {
                out[i] -= 32;
            }
        }
        return out;
    }

    /** Writes {@code data} in random chunks from a second thread while this one reads. */
    static byte[] echoInChunks(Server server, byte[] data, long seed) throws Exception {
        try (Client c = new Client(server)) {
            Thread writer = Thread.ofPlatform().start(() -> {
                Random r = new Random(seed);
                try {
                    OutputStream out = c.out;
                    for (int i = 0; i < data.length; ) {
                        int n = Math.min(1 + r.nextInt(20_000), data.length - i);
                        out.write(data, i, n);
                        out.flush();
                        i += n;
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] got = c.readExactly(data.length);
            writer.join(Client.TIMEOUT_MS);
            return got;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void oneMibInRandomChunksComesBackUpperCasedByteExact(String engine) throws Exception {
        byte[] data = randomBytes(1 << 20, 42);
        try (Server server = Servers.start(engine, UPPER)) {
            assertThat(echoInChunks(server, data, 7)).isEqualTo(upper(data));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void oneByteAtATimeComesBackInOrder(String engine) throws Exception {
        byte[] data = "hello, World! abc-xyz {}~ 0123456789\n".repeat(20).getBytes();
        try (Server server = Servers.start(engine, UPPER); Client c = new Client(server)) {
            for (byte b : data) {
                c.out.write(b);
                c.out.flush();
            }
            assertThat(c.readExactly(data.length)).isEqualTo(upper(data));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void hundredConcurrentClientsEachGetTheirOwnReplies(String engine) throws Exception {
        try (Server server = Servers.start(engine, UPPER)) {
            ExecutorService pool = Executors.newFixedThreadPool(100);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    int id = i;
                    results.add(pool.submit(() -> {
                        byte[] data = ("client " + id + " says hello " + "x".repeat(id * 10) + "\n").getBytes();
                        try (Client c = new Client(server)) {
                            for (int round = 0; round < 5; round++) {
                                c.out.write(data);
                                c.out.flush();
                                if (!Arrays.equals(c.readExactly(data.length), upper(data))) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> f : results) {
                    assertThat(f.get(120, TimeUnit.SECONDS)).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void halfCloseStillGetsEveryReplyThenTheServerCloses(String engine) throws Exception {
        byte[] data = randomBytes(300_000, 3);
        try (Server server = Servers.start(engine, UPPER); Client c = new Client(server)) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    c.out.write(data);
                    c.out.flush();
                    c.socket.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] got = c.in.readAllBytes(); // ends only when the server closes
            writer.join(Client.TIMEOUT_MS);
            assertThat(got).isEqualTo(upper(data));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void aResettingClientLeavesTheServerServingOthers(String engine) throws Exception {
        try (Server server = Servers.start(engine, UPPER)) {
            Client rude = new Client(server);
            rude.send("some bytes in flight\n");
            rude.readLine();
            rude.send(new String(randomBytes(50_000, 9), java.nio.charset.StandardCharsets.ISO_8859_1));
            rude.socket.setSoLinger(true, 0);
            rude.close(); // RST
            try (Client polite = new Client(server)) {
                polite.send("still there?\n");
                assertThat(polite.readLine()).isEqualTo("STILL THERE?");
            }
        }
    }

    /**
     * A client that writes 8 MiB and does not read. With backpressure the server stops reading
     * once the kernel buffers and its own queue are full, so it has received well under 8 MiB
     * when its intake stops; without it the server reads everything and queues megabytes. Either
     * way the client then reads, and must get every byte.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void pendingOutputStaysBoundedWhenThePeerDoesNotRead(String engine) throws Exception {
        Watched watched = new Watched(UpperProtocol::new);
        byte[] data = randomBytes(8 << 20, 11);
        int highWater = 64 * 1024;
        // a small receive buffer, so the server's output backs up long before 8 MiB are sent
        try (Server server = Servers.start(engine, watched.app); Client c = new Client(server, 64 * 1024)) {
            Thread writer = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    c.out.write(data); // blocks while the server, not reading, pushes back
                    c.out.flush();
                } catch (IOException ignored) {
                    // the test fails on the comparison below
                }
            });
            long intake = Steady.await(watched.received::get);
            assertThat(intake).as("bytes the server took in before it stopped reading")
                    .isPositive().isLessThan(data.length - (1 << 20));
            byte[] got = c.readExactly(data.length);
            writer.join(Client.TIMEOUT_MS);
            assertThat(got).isEqualTo(upper(data));
        }
        // above high water reading pauses: at most one read's worth (64 KiB) beyond the mark
        assertThat(watched.maxBuffered.get()).isLessThanOrEqualTo(highWater + 64 * 1024);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aFailingCallbackClosesOnlyItsConnection(String engine) throws Exception {
        Application fragile = Application.tcp(info -> new Protocol() {
            private final UpperProtocol upper = new UpperProtocol();

            @Override
            public void connectionMade(Transport transport) {
                upper.connectionMade(transport);
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                if (data.get(data.position()) == '!') {
                    throw new IllegalStateException("boom (expected by the test)");
                }
                upper.dataReceived(data);
            }
        });
        try (Server server = Servers.start(engine, fragile)) {
            try (Client bad = new Client(server)) {
                bad.send("!crash\n");
                assertThat(bad.closedByServer()).isTrue();
            }
            try (Client good = new Client(server)) {
                good.send("fine\n");
                assertThat(good.readLine()).isEqualTo("FINE");
            }
        }
    }

}
