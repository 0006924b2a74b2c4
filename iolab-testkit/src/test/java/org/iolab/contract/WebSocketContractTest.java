package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.iolab.apps.Apps;
import org.iolab.apps.http.HttpProtocol;
import org.iolab.apps.ws.ClientFrames;
import org.iolab.apps.WebSocketEcho;
import org.iolab.apps.ws.WebSocketOptions;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6455 on every engine (and processes' workers), over sockets: the ws app's echo of messages
 * of every length class, fragmented and not; each hostile frame closed with its code while the
 * server goes on serving; a frame that never finishes closed at its deadline; a silent peer
 * pinged, then dropped; a peer that sends and does not read held to the transport's water marks.
 */
class WebSocketContractTest {

    /** A blocking WebSocket client: masked frames out, the server's frames in. */
    static final class Ws implements AutoCloseable {
        final Client c;
        private final Random random = new Random(11);

        Ws(Server server) throws IOException {
            this(new Client(server));
        }

        Ws(Client client) throws IOException {
            c = client;
            c.send("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int last4 = 0;
            while (last4 != 0x0d0a0d0a) {
                int b = c.in.read();
                if (b < 0) {
                    throw new IOException("closed during the handshake: " + head);
                }
                head.write(b);
                last4 = last4 << 8 | b;
            }
            assertThat(head.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 101 ")
                    .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        }

        void frame(boolean fin, int opcode, byte[] payload, boolean masked) throws IOException {
            c.out.write(ClientFrames.frame(fin, opcode, payload, masked, random));
            c.out.flush();
        }

        void frame(boolean fin, int opcode, byte[] payload) throws IOException {
            frame(fin, opcode, payload, true);
        }

        /** The server's next frame: opcode, then payload. */
        byte[][] read() throws IOException {
            InputStream in = c.in;
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                return null;
            }
            assertThat(b1 & 0x80).as("unmasked").isZero();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.read() << 8 | in.read();
            } else if (len == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = len << 8 | in.read();
                }
            }
            return new byte[][] {{(byte) (b0 & 0x0f)}, in.readNBytes((int) len)};
        }

        /** The close code of the server's close frame, the next frame that comes (and that the connection ends after it). */
        int closeCode() throws IOException {
            byte[][] f = read();
            while (f != null && f[0][0] == 9) { // a ping the server sent meanwhile
                f = read();
            }
            assertThat(f).as("a frame before the end").isNotNull();
            assertThat(f[0][0]).as("a close frame").isEqualTo((byte) 8);
            assertThat(c.closedByServer()).as("then the connection closes").isTrue();
            return ClientFrames.closeCode(f[1]);
        }

        @Override
        public void close() throws IOException {
            c.close();
        }
    }

    private static byte[] lower(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    private static byte[] upper(byte[] b) {
        return EchoContractTest.upper(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void messagesOfEveryLengthComeBackWholeFragmentedOrNot(String engine) throws Exception {
        try (Server server = Servers.start(engine, Apps.create("ws", false)); Ws ws = new Ws(server)) {
            for (int n : new int[] {0, 125, 126, 65536, 1 << 20}) {
                byte[] m = lower(n);
                ws.frame(true, 2, m);
                byte[][] back = ws.read();
                assertThat(back[0][0]).isEqualTo((byte) 2);
                assertThat(Arrays.equals(back[1], upper(m))).as("%d bytes, binary", n).isTrue();
                int half = n / 2;
                ws.frame(false, 1, Arrays.copyOf(m, half));
                ws.frame(true, 0, Arrays.copyOfRange(m, half, n));
                back = ws.read();
                assertThat(back[0][0]).isEqualTo((byte) 1);
                assertThat(Arrays.equals(back[1], upper(m))).as("%d bytes, text in two fragments", n).isTrue();
            }
            ws.frame(true, 8, new byte[] {0x03, (byte) 0xe8});
            assertThat(ws.closeCode()).isEqualTo(1000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void eachHostileFrameIsClosedWithItsCodeAndTheServerGoesOn(String engine) throws Exception {
        try (Server server = Servers.start(engine, Apps.create("ws", false))) {
            try (Ws ws = new Ws(server)) {
                ws.frame(true, 1, "hi".getBytes(StandardCharsets.US_ASCII), false);
                assertThat(ws.closeCode()).as("unmasked (5.1)").isEqualTo(1002);
            }
            try (Ws ws = new Ws(server)) {
                ws.c.out.write(new byte[] {(byte) 0x82, (byte) 0xff, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4});
                ws.c.out.flush();
                assertThat(ws.closeCode()).as("a 2^63 length (5.2)").isEqualTo(1002);
            }
            try (Ws ws = new Ws(server)) {
                ws.frame(true, 9, new byte[126]);
                assertThat(ws.closeCode()).as("a control frame over 125 bytes (5.5)").isEqualTo(1002);
            }
            try (Ws ws = new Ws(server)) {
                ws.frame(false, 9, new byte[3]);
                assertThat(ws.closeCode()).as("a fragmented control frame (5.5)").isEqualTo(1002);
            }
            try (Ws ws = new Ws(server)) {
                ws.frame(false, 1, new byte[] {'a', (byte) 0xe2});
                ws.frame(true, 0, new byte[] {'b'});
                assertThat(ws.closeCode()).as("invalid UTF-8 split across fragments (8.1)").isEqualTo(1007);
            }
            try (Ws ws = new Ws(server)) {
                ws.frame(true, 1, "still serving".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(ws.read()[1], StandardCharsets.US_ASCII)).isEqualTo("STILL SERVING");
            }
        }
    }

    private static Application echo(WebSocketOptions options) {
        return HttpProtocol.application(WebSocketEcho.router(options));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aFrameThatNeverFinishesIsClosedAtItsDeadlineWith1008(String engine) throws Exception {
        WebSocketOptions quick = WebSocketOptions.DEFAULTS.withTimings(Duration.ofSeconds(20), Duration.ofMillis(500));
        try (Server server = Servers.start(engine, echo(quick)); Ws ws = new Ws(server)) {
            ws.c.out.write(new byte[] {(byte) 0x81, (byte) 0x85, 1, 2, 3, 4, 'a' ^ 1}); // 5 bytes promised, 1 sent
            ws.c.out.flush();
            assertThat(ws.closeCode()).isEqualTo(1008);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aSilentPeerIsPingedThenDropped(String engine) throws Exception {
        WebSocketOptions quick = WebSocketOptions.DEFAULTS.withTimings(Duration.ofMillis(300), Duration.ofSeconds(30));
        try (Server server = Servers.start(engine, echo(quick)); Ws ws = new Ws(server)) {
            byte[][] f = ws.read();
            assertThat(f[0][0]).as("the server pings a quiet socket").isEqualTo((byte) 9);
            assertThat(ws.c.closedByServer()).as("and drops it when no pong comes").isTrue();
        }
    }

    /**
     * The transport's backpressure holds under WebSocket as under every protocol: a peer that
     * sends 16 MiB of messages and reads nothing is read from only until the replies pending pass
     * the high-water mark; once it reads, every reply comes, whole and in order.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void pendingOutputStaysBoundedWhenThePeerDoesNotRead(String engine) throws Exception {
        Watched watched = new Watched(() -> new HttpProtocol(WebSocketEcho.router(WebSocketOptions.DEFAULTS)));
        int frames = 256;
        byte[] m = lower(65536);
        try (Server server = Servers.start(engine, watched.app); Ws ws = new Ws(new Client(server, 64 * 1024))) {
            Thread writer = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    for (int i = 0; i < frames; i++) {
                        ws.frame(true, 2, m);
                    }
                } catch (IOException ignored) {
                    // the reads below fail
                }
            });
            long intake = Steady.await(watched.received::get);
            assertThat(intake).as("bytes the server took in before it stopped reading")
                    .isPositive().isLessThan((long) frames * m.length - (4 << 20));
            byte[] want = upper(m);
            for (int i = 0; i < frames; i++) {
                byte[][] back = ws.read();
                assertThat(back).as("reply %d", i).isNotNull();
                assertThat(Arrays.equals(back[1], want)).as("reply %d whole", i).isTrue();
            }
            writer.join(Client.TIMEOUT_MS);
        }
        // above high water reading pauses: at most one read's worth of replies beyond the mark
        assertThat(watched.maxBuffered.get()).isLessThanOrEqualTo(64 * 1024 + 64 * 1024 + 1024);
    }

}
