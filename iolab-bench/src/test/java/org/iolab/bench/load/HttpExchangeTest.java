package org.iolab.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.bench.load.Exchange.Verdict;
import org.junit.jupiter.api.Test;

/** The HTTP load's reply check: every split of right replies, and each way a reply is wrong. */
class HttpExchangeTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nServer: x\r\nContent-Length: 13\r\nDate: d\r\n\r\nHello, World!";

    private static Verdict check(Exchange e, String reply) {
        ByteBuffer in = ByteBuffer.allocateDirect(reply.length() + 8);
        in.put(reply.getBytes(StandardCharsets.US_ASCII)).flip();
        Verdict v = e.check(in);
        assertThat(in.position()).isZero(); // absolute reads only
        assertThat(in.limit()).isEqualTo(reply.length());
        return v;
    }

    @Test
    void everyPrefixOfPipelinedRightRepliesIsIncompleteAndTheWholeIsRight() {
        Exchange e = Exchange.of("http", 64, 3);
        String lower = "HTTP/1.1 200 OK\r\ncontent-length:13\r\n\r\nHello, World!";
        String all = OK + lower + OK;
        for (int cut = 0; cut < all.length(); cut++) {
            assertThat(check(e, all.substring(0, cut))).as("cut at %d", cut).isEqualTo(Verdict.INCOMPLETE);
        }
        assertThat(check(e, all)).isEqualTo(Verdict.RIGHT);
        assertThat(e.messages()).isEqualTo(3);
        assertThat(new String(bytes(e.request()), StandardCharsets.US_ASCII))
                .isEqualTo("GET /plaintext HTTP/1.1\r\nHost: iolab-lab\r\nAccept: text/plain\r\n\r\n".repeat(3));
    }

    @Test
    void wrongRepliesAreWrong() {
        Exchange one = Exchange.of("http", 64, 1);
        assertThat(check(one, OK.replace("200 OK", "404 Not Found"))).isEqualTo(Verdict.WRONG);
        assertThat(check(one, OK.replace("World", "world"))).isEqualTo(Verdict.WRONG);
        assertThat(check(one, OK.replace("Content-Length: 13\r\n", ""))).isEqualTo(Verdict.WRONG); // no framing
        assertThat(check(one, OK.replace("13", "1x"))).isEqualTo(Verdict.WRONG);
        assertThat(check(one, OK + "H")).isEqualTo(Verdict.WRONG); // more than was asked for
        assertThat(check(one, OK.replace("13", "12").replace("World!", "World"))).isEqualTo(Verdict.WRONG);
        assertThat(check(one, "HTTP/1.1 200 OK\r\nX: " + "a".repeat(HttpExchange.MAX_HEAD))).isEqualTo(Verdict.WRONG);
        assertThat(check(one, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")).isEqualTo(Verdict.WRONG);
        Exchange two = Exchange.of("http", 64, 2);
        assertThat(check(two, OK + OK.replace("200 OK", "500 Oops"))).isEqualTo(Verdict.WRONG);
    }

    @Test
    void theUpperExchangeIsTheEchoUpperCased() {
        Exchange e = Exchange.of("upper", 30, 1);
        String sent = new String(bytes(e.request()), StandardCharsets.US_ASCII);
        assertThat(sent).isEqualTo("abcdefghijklmnopqrstuvwxyzabcd");
        assertThat(check(e, sent.toUpperCase().substring(0, 29))).isEqualTo(Verdict.INCOMPLETE);
        assertThat(check(e, sent.toUpperCase())).isEqualTo(Verdict.RIGHT);
        assertThat(check(e, sent)).isEqualTo(Verdict.WRONG);
        assertThatThrownBy(() -> Exchange.of("upper", 30, 2)).hasMessageContaining("no pipelining");
        assertThatThrownBy(() -> Exchange.of("chat", 30, 1)).hasMessageContaining("upper and http");
        assertThatThrownBy(() -> Exchange.of("http", 30, 0)).hasMessageContaining("from 1 to 1024");
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
