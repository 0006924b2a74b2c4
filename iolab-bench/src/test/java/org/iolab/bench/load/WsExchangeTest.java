package org.iolab.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.bench.load.Exchange.Verdict;
import org.junit.jupiter.api.Test;

/** The WebSocket load: its frames as RFC 6455 writes them, and what it takes for the handshake's answer. */
class WsExchangeTest {

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theRequestIsAMaskedTextFrameAndTheReplyItsUpperCaseUnmasked() {
        Exchange e = Exchange.of("ws", 5, 1);
        ByteBuffer req = e.request();
        assertThat(req.get(0)).isEqualTo((byte) 0x81); // FIN, text
        assertThat(req.get(1)).isEqualTo((byte) (0x80 | 5)); // masked, 5 bytes
        byte[] mask = {req.get(2), req.get(3), req.get(4), req.get(5)};
        StringBuilder unmasked = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            unmasked.append((char) (req.get(6 + i) ^ mask[i & 3]));
        }
        assertThat(unmasked).hasToString("abcde");
        ByteBuffer reply = ByteBuffer.wrap(new byte[] {(byte) 0x81, 5, 'A', 'B', 'C', 'D', 'E'});
        assertThat(e.check(reply.duplicate().limit(6))).isEqualTo(Verdict.INCOMPLETE);
        assertThat(e.check(reply)).isEqualTo(Verdict.RIGHT);
        assertThat(e.check(ByteBuffer.wrap(new byte[] {(byte) 0x82, 5, 'A', 'B', 'C', 'D', 'E'}))).isEqualTo(Verdict.WRONG);
        assertThat(e.payload()).isEqualTo(5);
        ByteBuffer big = Exchange.of("ws", 300, 1).request();
        assertThat(big.get(1) & 0x7f).isEqualTo(126);
        assertThat(big.getShort(2)).isEqualTo((short) 300);
        assertThatThrownBy(() -> Exchange.of("ws", 70_000, 1)).hasMessageContaining("up to 64 KiB");
        assertThatThrownBy(() -> Exchange.of("ws", 64, 16)).hasMessageContaining("no pipelining");
    }

    @Test
    void theHandshakesAnswerIsTakenWholeAndARefusalIsARefusal() {
        Exchange e = Exchange.of("ws", 64, 1);
        assertThat(StandardCharsets.US_ASCII.decode(e.preamble()).toString()).startsWith("GET /ws HTTP/1.1\r\n")
                .contains("Sec-WebSocket-Version: 13\r\n").endsWith("\r\n\r\n");
        String ok = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n";
        for (int cut = 0; cut < ok.length(); cut++) {
            assertThat(e.preambleEnd(ascii(ok.substring(0, cut)))).as("cut at %d", cut).isEqualTo(-1);
        }
        ByteBuffer withFrame = ascii(ok + "\u0081\u0000");
        assertThat(e.preambleEnd(withFrame)).isEqualTo(ok.length());
        assertThat(withFrame.position()).isZero();
        assertThat(e.preambleEnd(ascii("HTTP/1.1 404 Not Found\r\n\r\n"))).isEqualTo(-2);
        assertThat(e.preambleEnd(ascii("\r\n\r\n"))).isEqualTo(-2);
        assertThat(e.preambleEnd(ascii("x".repeat(9000)))).isEqualTo(-2);
    }
}
