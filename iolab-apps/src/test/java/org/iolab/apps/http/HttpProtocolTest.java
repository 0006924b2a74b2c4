package org.iolab.apps.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.apps.DemoRoutes;
import org.iolab.apps.http.h1.HttpParser;
import org.iolab.testing.MemoryTransport;
import org.junit.jupiter.api.Test;

/**
 * The http app on a memory transport: pipelined requests answered in order in one write, every
 * split of the input giving the same answers, and each limit answered with the status a client
 * expects, then a close.
 */
public class HttpProtocolTest {

    static final String PIPELINE = "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
            + "POST /echo?x=1 HTTP/1.1\r\nhost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n"
            + "HEAD /json HTTP/1.1\r\nHost: a\r\n\r\n"
            + "GET /json HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
            + "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"; // after the close: never answered

    /** A connection fed {@code pieces} one read each. */
    static MemoryTransport run(String... pieces) {
        MemoryTransport t = new MemoryTransport();
        HttpProtocol p = new HttpProtocol(DemoRoutes.router());
        p.connectionMade(t);
        for (String piece : pieces) {
            p.dataReceived(ByteBuffer.wrap(piece.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return t;
    }

    /**
     * The responses with their Date values masked (they change each second) and each chunked body
     * joined into one chunk (its pieces follow the reads).
     */
    public static String answers(MemoryTransport t) {
        return dechunk(t.writtenText().replaceAll("Date: [^\r]*", "Date: D"));
    }

    /** Each chunked body of {@code s} as the one chunk of all its data. */
    static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int head = s.indexOf("Transfer-Encoding: chunked\r\n", i);
            int bodyAt = head < 0 ? -1 : s.indexOf("\r\n\r\n", head) + 4;
            if (head < 0 || bodyAt < 4) {
                return out.append(s.substring(i)).toString();
            }
            out.append(s, i, bodyAt);
            StringBuilder data = new StringBuilder();
            int p = bodyAt;
            while (p < s.length()) {
                int eol = s.indexOf("\r\n", p);
                if (eol < 0) {
                    break; // cut short: left as it is
                }
                int size = Integer.parseInt(s.substring(p, eol), 16);
                if (size == 0) {
                    p = eol + 4; // the last chunk and the empty trailers
                    break;
                }
                data.append(s, eol + 2, eol + 2 + size);
                p = eol + 2 + size + 2;
            }
            out.append(data.isEmpty() ? "" : Integer.toHexString(data.length()) + "\r\n" + data + "\r\n").append("0\r\n\r\n");
            i = Math.min(p, s.length());
        }
    }

    /** A chunked 200 of {@code body}, as {@link #answers} shows it. */
    static String chunked(String body, String connection) {
        return "HTTP/1.1 200 OK\r\nServer: iolab\r\nDate: D\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
                + connection + "\r\n" + (body.isEmpty() ? "" : Integer.toHexString(body.length()) + "\r\n" + body + "\r\n")
                + "0\r\n\r\n";
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderInOneWriteAndTheCloseIsHonoured() {
        MemoryTransport t = run(PIPELINE);
        String out = answers(t);
        assertThat(out).isEqualTo(
                ok("text/plain", "Hello, World!", "") + chunked("HELLO", "") + chunked("ABCDE", "")
                        + ok("application/json", "{\"message\":\"Hello, World!\"}", "").replace("{\"message\":\"Hello, World!\"}", "")
                        + ok("application/json", "{\"message\":\"Hello, World!\"}", "Connection: close\r\n"));
        assertThat(t.writes()).as("one write for the batch").isEqualTo(1);
        assertThat(t.isClosed()).isTrue();
    }

    @Test
    void everySplitOfThePipelineGivesTheSameAnswers() {
        String whole = answers(run(PIPELINE));
        for (int i = 1; i < PIPELINE.length(); i++) {
            assertThat(answers(run(PIPELINE.substring(0, i), PIPELINE.substring(i)))).as("split at %d", i).isEqualTo(whole);
        }
        for (int i = 1; i < PIPELINE.length(); i += 7) { // and into three
            for (int j = i + 1; j < PIPELINE.length(); j += 5) {
                assertThat(answers(run(PIPELINE.substring(0, i), PIPELINE.substring(i, j), PIPELINE.substring(j))))
                        .as("split at %d and %d", i, j).isEqualTo(whole);
            }
        }
    }

    @Test
    void http10ClosesUnlessKeptAliveAndOtherRoutesAre404Or405() {
        MemoryTransport old = run("GET /plaintext HTTP/1.0\r\n\r\n");
        assertThat(answers(old)).isEqualTo(ok("text/plain", "Hello, World!", "Connection: close\r\n"));
        assertThat(old.isClosed()).isTrue();
        MemoryTransport kept = run("GET /plaintext HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
        assertThat(answers(kept)).isEqualTo(ok("text/plain", "Hello, World!", "Connection: keep-alive\r\n"));
        assertThat(kept.isClosed()).isFalse();
        assertThat(answers(run("GET /nothing HTTP/1.1\r\nHost: a\r\n\r\n"))).startsWith("HTTP/1.1 404 Not Found\r\n");
        assertThat(answers(run("PUT /plaintext HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")))
                .startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("Allow: GET, HEAD, OPTIONS\r\n");
        assertThat(answers(run("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n"))).contains("Allow: POST, OPTIONS\r\n");
    }

    @Test
    void eachLimitGetsTheStatusAClientExpectsThenAClose() {
        refused("GET /" + "a".repeat(HttpParser.MAX_REQUEST_LINE) + " HTTP/1.1\r\nHost: a\r\n\r\n", "414 URI Too Long");
        refused("GET / HTTP/1.1\r\nHost: a\r\nX: " + "b".repeat(HttpParser.MAX_HEADER_BYTES) + "\r\n\r\n",
                "431 Request Header Fields Too Large");
        refused("GET / HTTP/1.1\r\nHost: a\r\n" + "X: y\r\n".repeat(HttpParser.MAX_HEADER_FIELDS) + "\r\n",
                "431 Request Header Fields Too Large");
        refused("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: " + (HttpParser.MAX_BODY + 1) + "\r\n\r\n",
                "413 Content Too Large");
        refused("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n100001\r\n", "413 Content Too Large");
        refused("GET /plaintext HTTP/1.1\r\n\r\n", "400 Bad Request"); // no Host
        refused("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", "400 Bad Request");
        refused("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3x\r\n\r\n", "400 Bad Request");
        refused("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", "400 Bad Request");
        refused("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "501 Not Implemented");
        refused("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", "400 Bad Request"); // chunked not last
        refused("GET / HTTP/2.0\r\n\r\n", "505 HTTP Version Not Supported");
        refused("GET /\r\n\r\n", "400 Bad Request");
        refused("GET / HTTP/1.1\r\nHost : a\r\n\r\n", "400 Bad Request");
    }

    @Test
    void theRequestCapClosesAfterItsAnswer() {
        MemoryTransport t = new MemoryTransport();
        HttpProtocol p = new HttpProtocol(DemoRoutes.router(), 2);
        p.connectionMade(t);
        String get = "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n";
        p.dataReceived(ByteBuffer.wrap((get + get + get).getBytes(StandardCharsets.US_ASCII)));
        assertThat(answers(t)).isEqualTo(ok("text/plain", "Hello, World!", "")
                + ok("text/plain", "Hello, World!", "Connection: close\r\n"));
        assertThat(t.isClosed()).isTrue();
    }

    private static void refused(String request, String status) {
        MemoryTransport t = run(request);
        assertThat(answers(t)).as(status).startsWith("HTTP/1.1 " + status + "\r\n").contains("Connection: close\r\n");
        assertThat(t.isClosed()).isTrue();
    }

    static String ok(String type, String body, String connection) {
        int length = body.isEmpty() && type.equals("application/json") ? 27 : body.length();
        return "HTTP/1.1 200 OK\r\nServer: iolab\r\nDate: D\r\nContent-Type: " + type + "\r\nContent-Length: " + length
                + "\r\n" + connection + "\r\n" + body;
    }
}
