package org.iolab.engine.iouring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.iolab.apps.Upper;
import org.iolab.apps.UpperProtocol;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.iolab.uring.UringSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the contract suite cannot see of the io_uring engine: requests in flight when a peer
 * resets or the server closes, a buffer ring that runs dry, many connections' descriptors and
 * ring requests all given back, and a shutdown with requests in flight. Every wait is bounded.
 */
class UringRingTest {

    @BeforeAll
    static void needsIoUring() {
        Assumptions.assumeTrue(UringSupport.report().available(), () -> "io_uring: " + UringSupport.report().unavailable());
    }

    static Server start(Application app, int buffers) {
        ServerConfig.Builder b = ServerConfig.builder().engine("iouring").port(0).eventLoops(1)
                .shutdownGrace(Duration.ofSeconds(2));
        if (buffers > 0) {
            b.option("buffers", Integer.toString(buffers));
        }
        try {
            return Server.start(b.build(), app);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Socket connect(Server s) throws IOException {
        Socket c = new Socket("127.0.0.1", s.port());
        c.setSoTimeout(10_000);
        c.setTcpNoDelay(true);
        return c;
    }

    static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Waits up to 10 s for {@code condition}; whether it came. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    static byte[] upper(byte[] in) {
        ByteBuffer b = ByteBuffer.wrap(in.clone());
        Upper.inPlace(b);
        return b.array();
    }

    @Test
    void aPeerThatResetsWithRepliesInFlightEndsOnlyItsConnectionAndGivesBackItsDescriptor() throws Exception {
        try (Server server = start(Application.tcp(c -> new UpperProtocol()), 0)) {
            long before = openDescriptors();
            Socket rude = connect(server);
            rude.setReceiveBufferSize(4096);
            byte[] junk = new byte[1 << 20];
            Thread writer = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    rude.getOutputStream().write(junk); // never reads: the server's sends stall
                } catch (IOException expected) {
                    // reset below
                }
            });
            assertThat(eventually(() -> server.stats().open() == 1)).isTrue();
            Thread.sleep(100);
            rude.setSoLinger(true, 0);
            rude.close(); // RST with requests in flight on the server's side
            writer.join(10_000);
            assertThat(eventually(() -> server.stats().open() == 0)).as("the reset connection ended").isTrue();
            try (Socket polite = connect(server)) {
                polite.getOutputStream().write("still there?".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(polite.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                        .isEqualTo("STILL THERE?");
            }
            assertThat(eventually(() -> server.stats().open() == 0)).isTrue();
            assertThat(eventually(() -> uncheckedDescriptors() <= before)).as("descriptors given back").isTrue();
        }
    }

    /** A server that answers the first bytes by hanging up: {@code abort} with a reset, else a close after "bye". */
    static Application hangsUpOnFirstData(boolean abort) {
        return Application.tcp(c -> new Protocol() {
            private Transport t;

            @Override
            public void connectionMade(Transport transport) {
                t = transport;
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                data.position(data.limit());
                if (abort) {
                    t.abort();
                } else {
                    t.write(ByteBuffer.wrap("bye\n".getBytes(StandardCharsets.US_ASCII)));
                    t.close();
                }
            }
        });
    }

    /** The multishot receive that delivered the data stays armed: hanging up must cancel it, or no FIN or RST. */
    static void peersSeeTheEnd(boolean abort) throws Exception {
        try (Server server = start(hangsUpOnFirstData(abort), 0)) {
            for (int i = 0; i < 20; i++) {
                try (Socket c = connect(server)) {
                    c.getOutputStream().write("hi\n".getBytes(StandardCharsets.US_ASCII));
                    if (!abort) {
                        assertThat(new String(c.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("bye\n");
                    }
                    assertThat(endsOrResets(c)).as("the end of the stream or a reset, not a hang").isTrue();
                }
            }
            assertThat(eventually(() -> server.stats().open() == 0)).isTrue();
        }
    }

    @Test
    void closingFromTheServerCancelsTheArmedReceiveSoThePeerSeesTheEnd() throws Exception {
        peersSeeTheEnd(false);
    }

    @Test
    void abortingWithAReceiveArmedCancelsItSoThePeerSeesTheReset() throws Exception {
        peersSeeTheEnd(true);
    }

    @Test
    void aBufferRingThatRunsDryIsRefilledAndNothingIsLost() throws Exception {
        long dryBefore = UringDriver.BUFFERS_RAN_DRY.sum();
        try (Server server = start(Application.tcp(c -> new UpperProtocol()), 1)) { // one receive buffer for everyone
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    long seed = i;
                    results.add(pool.submit(() -> echoes(server, 200_000, seed)));
                }
                for (Future<Boolean> f : results) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).as("byte-exact echo").isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(UringDriver.BUFFERS_RAN_DRY.sum()).as("the ring ran dry and was refilled").isGreaterThan(dryBefore);
    }

    static boolean echoes(Server server, int size, long seed) throws Exception {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        try (Socket c = connect(server)) {
            OutputStream out = c.getOutputStream();
            Thread w = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    for (int i = 0; i < data.length; i += 7000) {
                        out.write(data, i, Math.min(7000, data.length - i));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] got = c.getInputStream().readNBytes(size);
            w.join(10_000);
            return Arrays.equals(got, upper(data));
        }
    }

    @Test
    void tenThousandConnectsAndClosesGiveBackEveryDescriptorAndRequest() throws Exception {
        try (Server server = start(Application.tcp(c -> new UpperProtocol()), 0)) {
            long before = openDescriptors();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    done.add(pool.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < 2500; i++) {
                            try (Socket c = connect(server)) {
                                c.getOutputStream().write('x');
                                if (c.getInputStream().read() == 'X') {
                                    ok++;
                                }
                            }
                        }
                        return ok;
                    }));
                }
                int ok = 0;
                for (Future<Integer> f : done) {
                    ok += f.get(120, TimeUnit.SECONDS);
                }
                assertThat(ok).isEqualTo(10_000);
            } finally {
                pool.shutdownNow();
            }
            assertThat(eventually(() -> server.stats().open() == 0)).isTrue();
            assertThat(server.stats().accepted()).isEqualTo(10_000);
            // a descriptor is closed only once its last ring request completed: a leaked request is a leaked descriptor
            assertThat(eventually(() -> uncheckedDescriptors() <= before)).as("descriptors given back").isTrue();
        }
    }

    @Test
    void shutdownWithRequestsInFlightEndsAndClosesEveryConnection() throws Exception {
        long before = openDescriptors();
        Server server = start(Application.tcp(c -> new UpperProtocol()), 0);
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            idle.add(connect(server)); // each has a receive armed
        }
        Socket stuck = connect(server);
        stuck.setReceiveBufferSize(4096);
        Thread writer = Thread.ofPlatform().daemon(true).start(() -> {
            try {
                stuck.getOutputStream().write(new byte[4 << 20]); // sends stall: a send in flight
            } catch (IOException expected) {
                // the server goes away
            }
        });
        assertThat(eventually(() -> server.stats().open() == 51)).isTrue();
        Thread stopper = Thread.ofPlatform().start(() -> server.shutdown(Duration.ofMillis(300)));
        stopper.join(20_000);
        assertThat(stopper.isAlive()).as("shutdown returned").isFalse();
        for (Socket s : idle) {
            assertThat(endsOrResets(s)).isTrue();
            s.close();
        }
        stuck.close();
        writer.join(10_000);
        assertThat(eventually(() -> uncheckedDescriptors() <= before))
                .as("the server's descriptors (sockets, listener, ring, eventfd) are closed").isTrue();
    }

    static boolean endsOrResets(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    static long uncheckedDescriptors() {
        try {
            return openDescriptors();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
