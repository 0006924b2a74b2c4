package org.iolab.apps.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.iolab.apps.WebSocketEcho;
import org.iolab.apps.http.HttpProtocol;
import org.iolab.testing.MemoryTransport;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455, sections 4 to 7, what a server MUST do: a test per rule, named for its section. The
 * ws app (an upper-casing echo) on a memory transport, frames written by {@link Client}; the
 * contract suite runs them on every engine over sockets.
 */
class Rfc6455Test {

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455 4.2.2's example
    static final String HANDSHAKE = "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";

    /** A client of the ws app on a memory transport: masked frames in, the server's frames out. */
    static final class Client {
        final MemoryTransport t = new MemoryTransport();
        final HttpProtocol p;
        private int read; // bytes of t's output already taken
        private final Random random = new Random(3);

        Client(WebSocketOptions options) {
            p = new HttpProtocol(WebSocketEcho.router(options));
            p.connectionMade(t);
        }

        Client() {
            this(WebSocketOptions.DEFAULTS);
        }

        /** Sends the handshake; returns the server's answer head. */
        String handshake(String request) {
            send(request.getBytes(StandardCharsets.ISO_8859_1));
            String out = new String(t.written(), StandardCharsets.ISO_8859_1);
            int end = out.indexOf("\r\n\r\n");
            read = end < 0 ? out.length() : end + 4;
            return end < 0 ? out : out.substring(0, end + 4);
        }

        Client open() {
            assertThat(handshake(HANDSHAKE)).startsWith("HTTP/1.1 101 ");
            return this;
        }

        void send(byte[] b) {
            p.dataReceived(ByteBuffer.wrap(b));
        }

        /** A frame as a client sends it: {@code fin}, {@code opcode}, masked unless {@code masked} is false. */
        byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
            return ClientFrames.frame(fin, opcode, payload, masked, random);
        }

        void sendFrame(boolean fin, int opcode, byte[] payload) {
            send(frame(fin, opcode, payload, true));
        }

        /** The frames the server sent since the last look: opcode, then payload, each. */
        List<Frame> frames() {
            byte[] all = t.written();
            List<Frame> out = new ArrayList<>();
            while (read < all.length) {
                int b0 = all[read] & 0xff;
                int b1 = all[read + 1] & 0xff;
                assertThat(b1 & 0x80).as("a server's frames are not masked (5.1)").isZero();
                long len = b1 & 0x7f;
                int at = read + 2;
                if (len == 126) {
                    len = (all[at] & 0xff) << 8 | (all[at + 1] & 0xff);
                    at += 2;
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = len << 8 | (all[at + i] & 0xff);
                    }
                    at += 8;
                }
                byte[] payload = java.util.Arrays.copyOfRange(all, at, at + (int) len);
                out.add(new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload));
                read = at + (int) len;
            }
            return out;
        }

        /** The close code of the one close frame sent since the last look (and that the connection is closing). */
        int closedWith() {
            List<Frame> f = frames();
            assertThat(f).as("frames").isNotEmpty();
            Frame last = f.getLast();
            assertThat(last.opcode()).as("a close frame").isEqualTo(8);
            assertThat(t.isClosed()).as("the connection closes").isTrue();
            return ClientFrames.closeCode(last.payload());
        }
    }

    record Frame(boolean fin, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void s4_2_2_theHandshakeIsAnsweredWith101AndTheKeysAccept() {
        String head = new Client().handshake(HANDSHAKE);
        assertThat(head).startsWith("HTTP/1.1 101 Switching Protocols\r\n").contains("Upgrade: websocket\r\n")
                .contains("Connection: Upgrade\r\n").contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n");
    }

    @Test
    void s4_2_1_aHandshakeMustBeAGetInHttp11WithUpgradeConnectionAndAKey() {
        assertThat(new Client().handshake(HANDSHAKE.replace("GET", "POST"))).startsWith("HTTP/1.1 400 ");
        assertThat(new Client().handshake(HANDSHAKE.replace("HTTP/1.1", "HTTP/1.0"))).startsWith("HTTP/1.1 400 ");
        assertThat(new Client().handshake(HANDSHAKE.replace(KEY, "short"))).startsWith("HTTP/1.1 400 ");
        assertThat(new Client().handshake("GET /ws HTTP/1.1\r\nHost: a\r\n\r\n")).as("a plain GET")
                .startsWith("HTTP/1.1 426 ").contains("Sec-WebSocket-Version: 13\r\n");
        assertThat(new Client().handshake(HANDSHAKE.replace("Connection: Upgrade", "Connection: keep-alive")))
                .startsWith("HTTP/1.1 426 ");
        assertThat(new Client().handshake(HANDSHAKE.replace("Upgrade: websocket", "Upgrade: WebSocket")))
                .as("the token is case-insensitive").startsWith("HTTP/1.1 101 ");
    }

    @Test
    void s4_4_anotherVersionGets426WithTheVersionsSpoken() {
        String head = new Client().handshake(HANDSHAKE.replace("Version: 13", "Version: 8"));
        assertThat(head).startsWith("HTTP/1.1 426 Upgrade Required\r\n").contains("Sec-WebSocket-Version: 13\r\n");
    }

    @Test
    void s10_2_anOriginNotAllowedGets403() {
        WebSocketOptions only = WebSocketOptions.DEFAULTS.allowing(List.of("https://good.example"));
        assertThat(new Client(only).handshake(HANDSHAKE.replace("\r\n\r\n", "\r\nOrigin: https://evil.example\r\n\r\n")))
                .startsWith("HTTP/1.1 403 Forbidden\r\n");
        assertThat(new Client(only).handshake(HANDSHAKE.replace("\r\n\r\n", "\r\nOrigin: https://good.example\r\n\r\n")))
                .startsWith("HTTP/1.1 101 ");
        assertThat(new Client(only).handshake(HANDSHAKE)).as("no Origin: not a browser").startsWith("HTTP/1.1 101 ");
    }

    @Test
    void s5_1_aServerClosesOnAnUnmaskedClientFrameWith1002() {
        Client c = new Client().open();
        c.send(c.frame(true, 1, utf8("hi"), false));
        assertThat(c.closedWith()).isEqualTo(1002);
    }

    @Test
    void s5_2_lengthsOf7_16And64BitsAreReadAndWrittenAlike() {
        for (int n : new int[] {0, 125, 126, 65535, 65536, 200_000}) {
            Client c = new Client().open();
            byte[] payload = new byte[n];
            java.util.Arrays.fill(payload, (byte) 'a');
            c.sendFrame(true, 2, payload);
            List<Frame> back = c.frames();
            assertThat(back).as("%d bytes", n).hasSize(1);
            assertThat(back.getFirst().opcode()).isEqualTo(2);
            assertThat(back.getFirst().payload()).hasSize(n).containsOnly(n == 0 ? new byte[0] : new byte[] {'A'});
        }
    }

    @Test
    void s5_2_aLengthWithItsTopBitSetIs1002() {
        Client c = new Client().open();
        c.send(new byte[] {(byte) 0x82, (byte) 0xff, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4});
        assertThat(c.closedWith()).isEqualTo(1002);
    }

    @Test
    void s5_2_reservedBitsWithoutAnExtensionAre1002() {
        Client c = new Client().open();
        byte[] f = c.frame(true, 1, utf8("x"), true);
        f[0] |= 0x40;
        c.send(f);
        assertThat(c.closedWith()).isEqualTo(1002);
    }

    @Test
    void s5_2_anUnknownOpcodeIs1002() {
        for (int op : new int[] {3, 7, 11, 15}) {
            Client c = new Client().open();
            c.sendFrame(true, op, new byte[0]);
            assertThat(c.closedWith()).as("opcode %d", op).isEqualTo(1002);
        }
    }

    @Test
    void s5_4_fragmentsArePutTogetherWithControlFramesBetweenThem() {
        Client c = new Client().open();
        c.sendFrame(false, 1, utf8("hel"));
        c.sendFrame(true, 9, utf8("ping!")); // a control frame in the middle (5.4)
        c.sendFrame(false, 0, utf8("lo, "));
        c.sendFrame(true, 0, utf8("wörld"));
        List<Frame> back = c.frames();
        assertThat(back).extracting(Frame::opcode).containsExactly(10, 1);
        assertThat(back.get(0).text()).isEqualTo("ping!");
        assertThat(back.get(1).text()).isEqualTo("HELLO, WöRLD");
    }

    @Test
    void s5_4_aContinuationWithNoMessageOrANewMessageInsideOneIs1002() {
        Client c = new Client().open();
        c.sendFrame(true, 0, utf8("x"));
        assertThat(c.closedWith()).isEqualTo(1002);
        Client d = new Client().open();
        d.sendFrame(false, 1, utf8("a"));
        d.sendFrame(true, 1, utf8("b"));
        assertThat(d.closedWith()).isEqualTo(1002);
    }

    @Test
    void s5_5_aControlFrameOver125BytesOrFragmentedIs1002() {
        Client c = new Client().open();
        c.sendFrame(true, 9, new byte[126]);
        assertThat(c.closedWith()).isEqualTo(1002);
        Client d = new Client().open();
        d.sendFrame(false, 9, utf8("a"));
        assertThat(d.closedWith()).isEqualTo(1002);
    }

    @Test
    void s5_5_2_aPingIsAnsweredWithAPongOfItsPayload() {
        Client c = new Client().open();
        c.sendFrame(true, 9, utf8("are you there"));
        List<Frame> back = c.frames();
        assertThat(back).hasSize(1);
        assertThat(back.getFirst().opcode()).isEqualTo(10);
        assertThat(back.getFirst().text()).isEqualTo("are you there");
    }

    @Test
    void s5_5_3_anUnsolicitedPongIsIgnored() {
        Client c = new Client().open();
        c.sendFrame(true, 10, utf8("x"));
        c.sendFrame(true, 1, utf8("still"));
        assertThat(c.frames()).extracting(Frame::text).containsExactly("STILL");
    }

    @Test
    void s5_5_1_and7_1_aCloseIsAnsweredWithACloseThenTheServerClosesTheConnection() {
        Client c = new Client().open();
        c.sendFrame(true, 8, new byte[] {0x03, (byte) 0xe8, 'b', 'y', 'e'}); // 1000 "bye"
        assertThat(c.closedWith()).isEqualTo(1000);
        c.sendFrame(true, 1, utf8("after the close"));
        assertThat(c.frames()).as("nothing after the close").isEmpty();
        Client d = new Client().open();
        d.sendFrame(true, 8, new byte[0]);
        assertThat(d.closedWith()).as("no code: answered with none").isEqualTo(1005);
    }

    @Test
    void s7_4_aCloseWithACodeNoOneMaySendOrOneByteIs1002() {
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 2000, 2999, 5000}) {
            Client c = new Client().open();
            c.sendFrame(true, 8, new byte[] {(byte) (code >>> 8), (byte) code});
            assertThat(c.closedWith()).as("code %d", code).isEqualTo(1002);
        }
        Client c = new Client().open();
        c.sendFrame(true, 8, new byte[] {3});
        assertThat(c.closedWith()).isEqualTo(1002);
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 4999}) {
            Client d = new Client().open();
            d.sendFrame(true, 8, new byte[] {(byte) (code >>> 8), (byte) code});
            assertThat(d.closedWith()).as("code %d", code).isEqualTo(code);
        }
    }

    @Test
    void s8_1_textThatIsNotUtf8Is1007AtTheFirstBadByte() {
        Client c = new Client().open();
        byte[] whole = c.frame(true, 1, new byte[] {'a', 'b', (byte) 0xff, 'c', 'd', 'e', 'f', 'g'}, true);
        c.send(java.util.Arrays.copyOf(whole, 2 + 4 + 3)); // the frame stops right after the bad byte
        assertThat(c.closedWith()).as("refused before the frame ends").isEqualTo(1007);
        for (byte[] bad : new byte[][] {{(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xe2, (byte) 0x82}}) {
            Client d = new Client().open();
            d.sendFrame(true, 1, bad);
            assertThat(d.closedWith()).as("overlong, surrogate, past U+10FFFF, stray, cut short").isEqualTo(1007);
        }
    }

    @Test
    void s8_1_utf8SplitAcrossFragmentsIsCheckedAsOneMessage() {
        Client c = new Client().open();
        byte[] euro = utf8("€"); // e2 82 ac
        c.sendFrame(false, 1, new byte[] {'a', euro[0]});
        c.sendFrame(true, 0, new byte[] {euro[1], euro[2]});
        assertThat(c.frames()).extracting(Frame::text).containsExactly("A€");
        Client d = new Client().open();
        d.sendFrame(false, 1, new byte[] {'a', euro[0]});
        d.sendFrame(true, 0, new byte[] {'b', 'c'}); // the character never finished
        assertThat(d.closedWith()).isEqualTo(1007);
    }

    @Test
    void s7_4_1_aCloseReasonThatIsNotUtf8Is1007() {
        Client c = new Client().open();
        c.sendFrame(true, 8, new byte[] {0x03, (byte) 0xe8, (byte) 0xff});
        assertThat(c.closedWith()).isEqualTo(1007);
    }

    @Test
    void aMessageOverTheLimitIs1009() {
        Client c = new Client(WebSocketOptions.DEFAULTS.withMaxMessage(1000)).open();
        c.sendFrame(false, 2, new byte[600]);
        c.sendFrame(true, 0, new byte[600]);
        assertThat(c.closedWith()).isEqualTo(1009);
    }

    @Test
    void framesSplitAnywhereAcrossReadsComeBackTheSame() {
        Client reference = new Client().open();
        byte[] stream = concat(reference.frame(false, 1, utf8("héllo "), true), reference.frame(true, 9, utf8("p"), true),
                reference.frame(true, 0, utf8("wörld"), true), reference.frame(true, 2, new byte[300], true));
        reference.send(stream.clone()); // unmasked in place: the stream itself stays as sent
        List<String> want = reference.frames().stream().map(f -> f.opcode() + ":" + f.text()).toList();
        for (int cut = 1; cut < stream.length; cut++) {
            Client c = new Client().open();
            c.send(java.util.Arrays.copyOf(stream, cut));
            c.send(java.util.Arrays.copyOfRange(stream, cut, stream.length));
            assertThat(c.frames().stream().map(f -> f.opcode() + ":" + f.text()).toList()).as("cut at %d", cut).isEqualTo(want);
        }
    }

    @Test
    void theFramesThatCameWithTheHandshakeAreTheSocketsFirst() {
        Client c = new Client();
        byte[] frame = c.frame(true, 1, utf8("early"), true);
        c.send(concat(HANDSHAKE.getBytes(StandardCharsets.ISO_8859_1), frame));
        String out = new String(c.t.written(), StandardCharsets.ISO_8859_1);
        assertThat(out).startsWith("HTTP/1.1 101 ").endsWith("EARLY");
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
