package org.iolab.apps.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iolab.apps.http.Rfc9112Test.refused;
import static org.iolab.apps.http.Rfc9112Test.send;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.apps.DemoRoutes;
import org.iolab.apps.http.h1.HttpParser;
import org.iolab.testing.MemoryTransport;
import org.junit.jupiter.api.Test;

/**
 * RFC 9110 (HTTP's semantics), what a server MUST (and SHOULD) do on what this server serves, a
 * test per sentence named for its section; and the http app's body handling (whole, streamed,
 * limited).
 */
class Rfc9110Test {

    private static final String POST = "POST /echo HTTP/1.1\r\nHost: a\r\n";

    @Test
    void s10_1_1_continueIsSentOnceTheHeadIsReadBeforeTheBodyComes() {
        MemoryTransport t = new MemoryTransport();
        HttpProtocol p = new HttpProtocol(DemoRoutes.router());
        p.connectionMade(t);
        p.dataReceived(ascii(POST + "Content-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
        assertThat(t.writtenText()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        p.dataReceived(ascii("hello"));
        assertThat(HttpProtocolTest.answers(t)).startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n")
                .endsWith("5\r\nHELLO\r\n0\r\n\r\n");
    }

    @Test
    void s10_1_1_continueIsLeftOutWhenTheBodyCameAlreadyOrThereIsNone() {
        assertThat(send(POST + "Content-Length: 5\r\nExpect: 100-continue\r\n\r\nhello").text()).doesNotContain("100 Continue");
        assertThat(send("GET /plaintext HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n").text())
                .doesNotContain("100 Continue");
    }

    @Test
    void s10_1_1_anHttp10ExpectationIsIgnored() {
        Rfc9112Test.Answer a = send("POST /echo HTTP/1.0\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
        assertThat(a.text()).doesNotContain("100 Continue");
        assertThat(send("GET /plaintext HTTP/1.0\r\nExpect: teapot\r\n\r\n").status()).isEqualTo("200 OK");
    }

    @Test
    void s10_1_1_anotherExpectationIs417() {
        refused(POST + "Content-Length: 5\r\nExpect: teapot\r\n\r\n", "417 Expectation Failed");
        refused(POST + "Content-Length: 5\r\nExpect: 100-continue, x\r\n\r\n", "417 Expectation Failed");
    }

    @Test
    void s10_1_1_aBodyTooLargeIsRefusedInsteadOfContinued() {
        Rfc9112Test.Answer a = send(POST + "Content-Length: " + (HttpParser.MAX_BODY + 1) + "\r\nExpect: 100-continue\r\n\r\n");
        assertThat(a.text()).doesNotContain("100 Continue").startsWith("HTTP/1.1 413 Content Too Large");
    }

    @Test
    void s9_3_2_headIsGetWithoutTheBody() {
        Rfc9112Test.Answer a = send("HEAD /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(a.status()).isEqualTo("200 OK");
        assertThat(a.text()).contains("Content-Length: 13\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void s9_3_7_optionsSaysWhatAResourceAllows() {
        assertThat(send("OPTIONS /plaintext HTTP/1.1\r\nHost: a\r\n\r\n").text()).contains("Allow: GET, HEAD, OPTIONS\r\n");
        assertThat(send("OPTIONS /echo HTTP/1.1\r\nHost: a\r\n\r\n").text()).contains("Allow: POST, OPTIONS\r\n");
        assertThat(send("OPTIONS /nothing HTTP/1.1\r\nHost: a\r\n\r\n").status()).isEqualTo("404 Not Found");
    }

    @Test
    void s15_5_6_anotherMethodOnAKnownPathIs405WithAllow() {
        Rfc9112Test.Answer a = send("DELETE /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(a.status()).isEqualTo("405 Method Not Allowed");
        assertThat(a.text()).contains("Allow: GET, HEAD, OPTIONS\r\n");
    }

    @Test
    void theEchoStreamsABodyOfAnySizeInPiecesAsTheyArrive() {
        MemoryTransport t = new MemoryTransport();
        HttpProtocol p = new HttpProtocol(DemoRoutes.router(Long.MAX_VALUE));
        p.connectionMade(t);
        int total = 3 * (int) HttpParser.MAX_BODY; // past the default limit: unlimited here
        p.dataReceived(ascii(POST + "Content-Length: " + total + "\r\n\r\n"));
        byte[] piece = "abcdefghij".repeat(6400).getBytes(StandardCharsets.US_ASCII); // 64,000 bytes a read
        int sent = 0;
        while (sent < total) {
            int n = Math.min(piece.length, total - sent);
            p.dataReceived(ByteBuffer.wrap(piece, 0, n));
            sent += n;
        }
        String out = HttpProtocolTest.answers(t);
        assertThat(out).startsWith("HTTP/1.1 200 OK\r\n").contains("Transfer-Encoding: chunked\r\n").endsWith("0\r\n\r\n");
        String body = out.substring(out.indexOf("\r\n\r\n") + 4);
        body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n\r\n"));
        assertThat(body.length()).isEqualTo(total);
        assertThat(body.chars().allMatch(c -> c >= 'A' && c <= 'J')).as("every byte upper-cased").isTrue();
        assertThat(t.writes()).as("a write per read: each piece goes on as it comes").isGreaterThan(total / piece.length);
    }

    @Test
    void aStreamedBodyCutByABadChunkEndsTheAnswerUnfinished() {
        MemoryTransport t = new MemoryTransport();
        HttpProtocol p = new HttpProtocol(DemoRoutes.router());
        p.connectionMade(t);
        p.dataReceived(ascii(POST + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nZ\r\n"));
        String out = t.writtenText();
        assertThat(out).startsWith("HTTP/1.1 200 OK").endsWith("3\r\nABC\r\n").doesNotContain("400");
        assertThat(t.isClosed()).as("no last chunk: the client sees the answer cut").isTrue();
    }

    @Test
    void s5_6_7_theDateIsAnImfFixdateWhoseDayIsAlwaysTwoDigits() {
        assertThat(HttpDate.format(784_111_777L)).as("RFC 9110's own example").isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDate.format(1_796_342_400L)).isEqualTo("Fri, 04 Dec 2026 00:00:00 GMT");
        MemoryTransport t = new MemoryTransport();
        HttpProtocol p = new HttpProtocol(DemoRoutes.router());
        p.connectionMade(t);
        p.dataReceived(ascii("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertThat(t.writtenText()).containsPattern("\r\nDate: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d "
                + "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d\\d:\\d\\d:\\d\\d GMT\r\n");
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
