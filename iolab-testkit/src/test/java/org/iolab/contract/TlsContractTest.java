package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iolab.contract.EchoContractTest.randomBytes;
import static org.iolab.contract.EchoContractTest.upper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.iolab.apps.Apps;
import org.iolab.apps.UpperProtocol;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract over TLS, on every engine (and processes' workers): the application sees
 * plaintext, closes are told apart (close_notify, truncation), backpressure counts records,
 * and hostile clients (a stalled handshake, plaintext or garbage on the port, a thousand
 * failed handshakes) are closed, counted and outlived. The client is the JDK's SSLSocket.
 */
class TlsContractTest {

    private static final Application UPPER = Apps.create("upper", false);

    /** A ClientHello's record header and the start of its body, then nothing more. */
    private static final byte[] HALF_A_HELLO = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03};

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void oneMibInRandomChunksComesBackUpperCasedByteExact(String engine) throws Exception {
        byte[] data = randomBytes(1 << 20, 21);
        try (Server server = Tls.start(engine, UPPER); SSLSocket c = Tls.connect(server)) {
            Thread writer = Thread.ofPlatform().start(() -> {
                Random r = new Random(5);
                try {
                    OutputStream out = c.getOutputStream();
                    for (int i = 0; i < data.length; ) {
                        int n = Math.min(1 + r.nextInt(20_000), data.length - i);
                        out.write(data, i, n);
                        out.flush();
                        i += n;
                    }
                } catch (IOException e) {
                    throw Tls.unchecked(e);
                }
            });
            byte[] got = c.getInputStream().readNBytes(data.length);
            writer.join(Client.TIMEOUT_MS);
            assertThat(got).isEqualTo(upper(data));
            assertThat(c.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    /**
     * The client sends, then its close_notify (a TLS half-close): every reply still comes,
     * then the server's close_notify, which the JDK client reads as a clean end of stream.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void closeNotifyIsAHalfCloseAnsweredByEveryReplyThenTheServersCloseNotify(String engine) throws Exception {
        byte[] data = randomBytes(300_000, 4);
        try (Server server = Tls.start(engine, UPPER); SSLSocket c = Tls.connect(server)) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    c.getOutputStream().write(data);
                    c.getOutputStream().flush();
                    c.shutdownOutput(); // close_notify
                } catch (IOException e) {
                    throw Tls.unchecked(e);
                }
            });
            byte[] got = c.getInputStream().readAllBytes(); // ends at the server's close_notify, or throws
            writer.join(Client.TIMEOUT_MS);
            assertThat(got).isEqualTo(upper(data));
        }
    }

    /** connectionLost(null) after the peer's close_notify; a cause (a truncation) when the peer cut the stream. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void theApplicationHearsACleanCloseApartFromATruncation(String engine) throws Exception {
        Watched watched = new Watched(UpperProtocol::new);
        BlockingQueue<Optional<Throwable>> lost = watched.lost;
        Application app = watched.app;
        try (Server server = Tls.start(engine, app)) {
            try (SSLSocket polite = Tls.connect(server)) {
                echo(polite, "polite\n");
            } // close_notify, then FIN
            assertThat(lost.poll(Client.TIMEOUT_MS, TimeUnit.MILLISECONDS)).as("a clean close").isEmpty();

            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress("127.0.0.1", server.port()), Client.TIMEOUT_MS);
                SSLSocket rude = Tls.over(raw);
                echo(rude, "rude\n");
                raw.shutdownOutput(); // FIN without close_notify
                Optional<Throwable> cause = lost.poll(Client.TIMEOUT_MS, TimeUnit.MILLISECONDS);
                assertThat(cause).as("told of the truncation").isPresent();
                assertThat(cause.get()).isInstanceOf(SSLException.class).hasMessageContaining("truncated");
            }
        }
    }

    private static void echo(SSLSocket s, String line) throws IOException {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
        assertThat(s.getInputStream().readNBytes(b.length)).isEqualTo(upper(b));
    }

    /** As in clear text: a peer that writes 8 MiB and does not read is held to the water marks, counted in records. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void pendingOutputStaysBoundedWhenThePeerDoesNotRead(String engine) throws Exception {
        Watched watched = new Watched(UpperProtocol::new);
        byte[] data = randomBytes(8 << 20, 12);
        try (Server server = Tls.start(engine, watched.app); Socket raw = new Socket()) {
            raw.setReceiveBufferSize(64 * 1024);
            raw.connect(new InetSocketAddress("127.0.0.1", server.port()), Client.TIMEOUT_MS);
            SSLSocket c = Tls.over(raw);
            Thread writer = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    c.getOutputStream().write(data);
                    c.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the comparison below fails
                }
            });
            long intake = Steady.await(watched.received::get);
            assertThat(intake).as("bytes the server took in before it stopped reading")
                    .isPositive().isLessThan(data.length - (1 << 20));
            byte[] got = c.getInputStream().readNBytes(data.length);
            writer.join(Client.TIMEOUT_MS);
            assertThat(got).isEqualTo(upper(data));
        }
        // above high water reading pauses: at most one read's worth (64 KiB of records) beyond the mark
        assertThat(watched.maxBuffered.get()).isLessThanOrEqualTo(64 * 1024 + 64 * 1024 + 1024);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void aStalledHandshakeIsClosedAtItsDeadline(String engine) throws Exception {
        try (Server server = Tls.start(engine, UPPER, Duration.ofSeconds(1)); Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", server.port()), Client.TIMEOUT_MS);
            raw.setSoTimeout(Client.TIMEOUT_MS);
            raw.getOutputStream().write(HALF_A_HELLO);
            assertThat(readToEnd(raw.getInputStream())).as("closed by the server").isNotNull();
            assertThat(awaitCount(server, s -> s.timeouts(ServerStats.Timeout.HANDSHAKE), 1)).isEqualTo(1);
        }
    }

    /** Plaintext (an HTTP request) on the TLS port: a TLS alert record, then the close; counted. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void plaintextOnTheTlsPortGetsAnAlertThenAClose(String engine) throws Exception {
        try (Server server = Tls.start(engine, UPPER)) {
            byte[] answer = garbage(server, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(answer).as("an alert record: content type 21, then a fatal level").hasSizeGreaterThanOrEqualTo(7);
            assertThat(answer[0]).isEqualTo((byte) 21);
            assertThat(answer[5]).isEqualTo((byte) 2);
            assertThat(awaitCount(server, ServerStats::tlsFailures, 1)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void aThousandFailedHandshakesInARowLeaveTheServerServing(String engine) throws Exception {
        try (Server server = Tls.start(engine, UPPER)) {
            for (int i = 0; i < 1000; i++) {
                garbage(server, i % 2 == 0 ? "\u0016\u0003\u0001\u0000\u0005hello" : "QUIT\r\n");
            }
            assertThat(awaitCount(server, ServerStats::tlsFailures, 1000)).isEqualTo(1000);
            try (SSLSocket c = Tls.connect(server)) {
                echo(c, "still serving\n");
            }
            assertThat(server.stats().internalErrors()).isZero();
        }
    }

    /** A socketserver-style handler reads and writes plaintext streams over TLS. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#stream")
    void aStreamHandlerSeesPlaintextStreams(String engine) throws Exception {
        Application echo = Application.stream(c -> c.input().transferTo(c.output()));
        byte[] data = randomBytes(200_000, 8);
        try (Server server = Tls.start(engine, echo); SSLSocket c = Tls.connect(server)) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    c.getOutputStream().write(data);
                    c.shutdownOutput();
                } catch (IOException e) {
                    throw Tls.unchecked(e);
                }
            });
            assertThat(c.getInputStream().readAllBytes()).isEqualTo(data);
            writer.join(Client.TIMEOUT_MS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#namedStream")
    void theMenuStreamHandlerAnswersOverTls(String engine) throws Exception {
        try (Server server = Tls.start(engine, Apps.create("menu-stream", false)); SSLSocket c = Tls.connect(server)) {
            c.getOutputStream().write("0\nexit\n".getBytes(StandardCharsets.US_ASCII));
            String all = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all).contains("operator").contains("bye");
        }
    }

    @Test
    void udpIsRefusedOverTls() {
        ServerConfig c = Servers.config("nio").toBuilder().tls(Tls.config(Duration.ofSeconds(1))).build();
        assertThatThrownBy(() -> Server.start(c, Apps.create("upper", true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UDP");
    }

    /** Sends {@code text} on a fresh connection and returns what came back before the server closed. */
    private static byte[] garbage(Server server, String text) throws IOException {
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", server.port()), Client.TIMEOUT_MS);
            raw.setSoTimeout(Client.TIMEOUT_MS);
            raw.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            byte[] got = readToEnd(raw.getInputStream());
            assertThat(got).as("the server closed").isNotNull();
            return got;
        }
    }

    /** What arrives until the end of the stream (or a reset after it); {@code null} if it never ends. */
    private static byte[] readToEnd(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] b = new byte[4096];
        try {
            int n;
            while ((n = in.read(b)) >= 0) {
                got.write(b, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            return null;
        } catch (java.net.SocketException e) {
            // a reset after the alert: closed all the same
        }
        return got.toByteArray();
    }

    private static long awaitCount(Server server, java.util.function.ToLongFunction<ServerStats> counter, long want)
            throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        long v;
        while ((v = counter.applyAsLong(server.stats())) < want && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return v;
    }
}
