package org.iolab.apps.http.h1;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.iolab.apps.DemoRoutes;
import org.iolab.apps.http.HttpProtocol;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.Status;
import org.iolab.testing.MemoryTransport;

/**
 * The HTTP parser and app fuzzed with reads of the fuzzer's choosing: where one request ends and
 * the next begins (the framing a smuggling attack would have two parsers disagree on) is the
 * same whatever the reads, and so are the answers. Regression inputs under
 * {@code src/test/resources/org/iolab/apps/http/h1/HttpFuzzTestInputs} run with every {@code ./iolab test}.
 */
class HttpFuzzTest {

    /** {@code input} cut into pieces whose sizes come from {@code data}. */
    private static List<ByteBuffer> pieces(byte[] input, FuzzedDataProvider data) {
        List<ByteBuffer> out = new ArrayList<>();
        int from = 0;
        while (from < input.length) {
            int n = data.remainingBytes() > 0 ? data.consumeInt(1, Math.max(1, input.length - from)) : input.length - from;
            n = Math.min(n, input.length - from);
            out.add(ByteBuffer.wrap(input, from, n));
            from += n;
        }
        return out;
    }

    /** Each request the parser found (its line, the body it was given), then its refusal, as text. */
    private static List<String> framing(List<ByteBuffer> reads) {
        List<String> out = new ArrayList<>();
        HttpParser p = new HttpParser(64 * 1024);
        StringBuilder streamed = new StringBuilder();
        HttpParser.Handler h = new HttpParser.Handler() {
            @Override
            public boolean begin(HttpRequest r) {
                return r.bodyLength() == 0 && (r.contentLength() < 0 || r.contentLength() > 100); // stream some bodies
            }

            @Override
            public void body(ByteBuffer data) {
                while (data.hasRemaining()) {
                    streamed.append((char) (data.get() & 0xff));
                }
            }

            @Override
            public boolean bodyEnd(HttpRequest r) {
                out.add(line(r, p) + " streamed " + streamed);
                streamed.setLength(0);
                return p.facts().keepAlive;
            }

            @Override
            public boolean request(HttpRequest r) {
                out.add(line(r, p) + " whole " + new String(r.bodyBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
                return p.facts().keepAlive;
            }

            @Override
            public void error(Status status) {
                out.add("refused " + status.code());
            }
        };
        for (ByteBuffer b : reads) {
            if (!p.feed(b, h)) {
                break;
            }
        }
        return out;
    }

    private static String line(HttpRequest r, HttpParser p) {
        return r.method() + " " + r.target() + " " + p.facts().form;
    }

    @FuzzTest(maxDuration = "5m")
    void theFramingIsTheSameWhateverTheReads(FuzzedDataProvider data) {
        byte[] input = data.consumeBytes(data.consumeInt(0, 20_000));
        List<String> whole = framing(List.of(ByteBuffer.wrap(input)));
        List<String> split = framing(pieces(input, data));
        assertThat(split).as("the same requests, bodies and refusal whatever the reads").isEqualTo(whole);
    }

    @FuzzTest(maxDuration = "5m")
    void httpAnswersAnythingAlikeWhateverTheReads(FuzzedDataProvider data) {
        byte[] input = data.consumeBytes(data.consumeInt(0, 20_000));
        MemoryTransport whole = new MemoryTransport();
        HttpProtocol one = new HttpProtocol(DemoRoutes.router());
        one.connectionMade(whole);
        one.dataReceived(ByteBuffer.wrap(input));
        MemoryTransport split = new MemoryTransport();
        HttpProtocol other = new HttpProtocol(DemoRoutes.router());
        other.connectionMade(split);
        for (ByteBuffer b : pieces(input, data)) {
            other.dataReceived(b);
        }
        String a = org.iolab.apps.http.HttpProtocolTest.answers(whole); // chunked answers joined: their pieces follow the reads
        String b = org.iolab.apps.http.HttpProtocolTest.answers(split);
        assertThat(b).as("the same answers whatever the reads").isEqualTo(a);
        assertThat(a.isEmpty() || a.startsWith("HTTP/1.1 ")).as("responses only").isTrue();
        assertThat(split.isClosed()).isEqualTo(whole.isClosed());
    }
}
