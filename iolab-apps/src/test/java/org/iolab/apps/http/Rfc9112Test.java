package org.iolab.apps.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.apps.DemoRoutes;
import org.iolab.apps.http.h1.HttpParser;
import org.iolab.testing.MemoryTransport;
import org.junit.jupiter.api.Test;

/**
 * RFC 9112 (HTTP/1.1's message syntax), what a server MUST (and SHOULD) do, a test per sentence,
 * each named for its section, as Cowboy's {@code rfc7230_SUITE} does. The http app on a memory
 * transport; the contract suite runs the cases on every engine over sockets.
 */
class Rfc9112Test {

    /** What a connection answered to {@code pieces}, each one read. */
    record Answer(String text, boolean closed, int writes) {
        String status() {
            return text.isEmpty() ? "" : text.substring(9, text.indexOf('\r'));
        }
    }

    static Answer send(String... pieces) {
        MemoryTransport t = new MemoryTransport();
        HttpProtocol p = new HttpProtocol(DemoRoutes.router());
        p.connectionMade(t);
        for (String piece : pieces) {
            p.dataReceived(ByteBuffer.wrap(piece.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return new Answer(HttpProtocolTest.answers(t), t.isClosed(), t.writes());
    }

    static void refused(String request, String status) {
        Answer a = send(request);
        assertThat(a.status()).as(request).isEqualTo(status);
        assertThat(a.text()).contains("Connection: close\r\n");
        assertThat(a.closed()).as("closed after " + status).isTrue();
    }

    static void served(String request) {
        Answer a = send(request);
        assertThat(a.status()).as(request).isEqualTo("200 OK");
        assertThat(a.closed()).isFalse();
    }

    private static final String GET = "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n";

    @Test
    void s2_2_emptyLinesBeforeARequestAreIgnored() {
        served("\r\n\r\n" + GET);
        served("\n" + GET);
    }

    @Test
    void s2_2_aBareLfEndsALineAsARecipientMay() {
        served("GET /plaintext HTTP/1.1\nHost: a\n\n");
    }

    @Test
    void s2_2_aBareCrIsInvalidInTheRequestLineAndInAField() {
        refused("GET /plaintext HTTP/1.1\rHost: a\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.1\r\nHost: a\rb\r\n\r\n", "400 Bad Request");
        refused("\rGET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s2_3_aHigherMinorVersionIsServedAsHttp11AndAnotherMajorIs505() {
        served("GET /plaintext HTTP/1.2\r\nHost: a\r\n\r\n");
        refused("GET /plaintext HTTP/2.0\r\nHost: a\r\n\r\n", "505 HTTP Version Not Supported");
        refused("GET /plaintext HTTP/0.9\r\n\r\n", "505 HTTP Version Not Supported");
    }

    @Test
    void s2_3_theVersionIsCaseSensitiveAndExact() {
        refused("GET /plaintext http/1.1\r\nHost: a\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.10\r\nHost: a\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1\r\nHost: a\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext\r\nHost: a\r\n\r\n", "400 Bad Request"); // HTTP/0.9's form
    }

    @Test
    void s3_theRequestLineHasOneSpaceBetweenItsParts() {
        refused("GET  /plaintext HTTP/1.1\r\nHost: a\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext  HTTP/1.1\r\nHost: a\r\n\r\n", "400 Bad Request");
        refused("GET\t/plaintext HTTP/1.1\r\nHost: a\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.1 \r\nHost: a\r\n\r\n", "400 Bad Request");
        refused(" GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s3_1_theMethodIsATokenRefusedAtItsFirstBadByte() {
        Answer a = send("GE(T"); // no line end yet: refused as the byte arrives
        assertThat(a.status()).isEqualTo("400 Bad Request");
        assertThat(a.closed()).isTrue();
        refused("G@T /plaintext HTTP/1.1\r\nHost: a\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s3_aTlsClientHelloOnTheClearPortIsRefusedAtItsFirstByte() {
        Answer a = send("\u0016\u0003\u0001\u0002\u0000\u0001");
        assertThat(a.status()).isEqualTo("400 Bad Request");
        assertThat(a.closed()).isTrue();
        assertThat(send("\u0016").status()).as("one byte is enough").isEqualTo("400 Bad Request");
    }

    @Test
    void s3_2_theRequestTargetHoldsVisibleCharactersOnly() {
        refused("GET /a\u0001b HTTP/1.1\r\nHost: a\r\n\r\n", "400 Bad Request");
        refused("GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n", "400 Bad Request");
        refused("GET /" + "a".repeat(HttpParser.MAX_REQUEST_LINE) + " HTTP/1.1\r\nHost: a\r\n\r\n", "414 URI Too Long");
    }

    @Test
    void s3_2_aServerMustRefuseARequestWithoutHostWithTwoHostsOrAnInvalidOne() {
        refused("GET /plaintext HTTP/1.1\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.1\r\nHost: a b\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.1\r\nHost: a/b\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.1\r\nHost: u@a\r\n\r\n", "400 Bad Request");
        served("GET /plaintext HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n");
        served("GET /plaintext HTTP/1.1\r\nHost:\r\n\r\n"); // empty: allowed (RFC 9110 7.2)
        assertThat(send("GET /plaintext HTTP/1.0\r\n\r\n").status()).as("1.0 needs none").isEqualTo("200 OK");
    }

    @Test
    void s3_2_2_aServerMustAcceptTheAbsoluteFormAndRouteItsPath() {
        Answer a = send("GET http://example.com/plaintext HTTP/1.1\r\nHost: other\r\n\r\n");
        assertThat(a.status()).isEqualTo("200 OK");
        assertThat(a.text()).endsWith("Hello, World!");
        assertThat(send("GET HTTPS://example.com:8443/json?x=1 HTTP/1.1\r\nHost: e\r\n\r\n").text()).contains("message");
        assertThat(send("GET http://example.com HTTP/1.1\r\nHost: e\r\n\r\n").status()).as("no path: /").isEqualTo("404 Not Found");
        refused("GET ftp://example.com/plaintext HTTP/1.1\r\nHost: e\r\n\r\n", "400 Bad Request");
        refused("GET http:///plaintext HTTP/1.1\r\nHost: e\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s3_2_3_theAuthorityFormIsConnectsAndThisServerIsNoProxy() {
        Answer a = send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
        assertThat(a.status()).isEqualTo("405 Method Not Allowed");
        refused("GET example.com:443 HTTP/1.1\r\nHost: e\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s3_2_4_theAsteriskFormIsOptionsAboutTheServer() {
        Answer a = send("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(a.status()).isEqualTo("200 OK");
        assertThat(a.text()).contains("Allow: GET, HEAD, POST, OPTIONS\r\n").contains("Content-Length: 0\r\n");
        refused("GET * HTTP/1.1\r\nHost: a\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s5_1_aFieldNameIsATokenRefusedAtItsFirstBadByte() {
        Answer a = send("GET /plaintext HTTP/1.1\r\nHost: a\r\nX(A"); // no line end yet
        assertThat(a.status()).isEqualTo("400 Bad Request");
        refused("GET /plaintext HTTP/1.1\r\nHost: a\r\nX(A): a\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.1\r\nHost: a\r\n: a\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s5_1_noWhitespaceIsAllowedBetweenTheNameAndTheColon() {
        refused("GET /plaintext HTTP/1.1\r\nHost : a\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.1\r\nHost\t: a\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s5_2_obsoleteLineFoldingIsRefused() {
        refused("GET /plaintext HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.1\r\nHost: a\r\nX: a\r\n\tb\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s5_5_aFieldValueWithNulCrOrAnotherControlIsRefusedWhileTabAndObsTextPass() {
        refused("GET /plaintext HTTP/1.1\r\nHost: a\r\nX: a\u0000b\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.1\r\nHost: a\r\nX: a\u0001b\r\n\r\n", "400 Bad Request");
        refused("GET /plaintext HTTP/1.1\r\nHost: a\r\nX: a\u007fb\r\n\r\n", "400 Bad Request");
        served("GET /plaintext HTTP/1.1\r\nHost: a\r\nX: a\tb \u00e9\r\n\r\n");
    }

    @Test
    void s5_headerFieldsPastTheLimitsAre431() {
        refused("GET / HTTP/1.1\r\nHost: a\r\nX: " + "b".repeat(HttpParser.MAX_HEADER_BYTES) + "\r\n\r\n",
                "431 Request Header Fields Too Large");
        refused("GET / HTTP/1.1\r\nHost: a\r\n" + "X: y\r\n".repeat(HttpParser.MAX_HEADER_FIELDS) + "\r\n",
                "431 Request Header Fields Too Large");
    }

    @Test
    void s5_theHeadLimitIsTheSameWhetherTheHeadComesWholeOrAByteAtATime() {
        // field lines of 9 + (n + 5) bytes, their line ends included (not the blank line): at the limit, then one past it
        int n = HttpParser.MAX_HEADER_BYTES - 14;
        for (int extra : new int[] {0, 1}) {
            String head = "GET /plaintext HTTP/1.1\r\nHost: a\r\nX: " + "b".repeat(n + extra) + "\r\n\r\n";
            String[] bytes = head.split("");
            String expected = extra == 0 ? "200 OK" : "431 Request Header Fields Too Large";
            assertThat(send(head).status()).as("whole, %d past the limit", extra).isEqualTo(expected);
            assertThat(send(bytes).status()).as("a byte at a time, %d past the limit", extra).isEqualTo(expected);
        }
        // a bad byte past the limit: the limit is what is found first, however the bytes come
        String bad = "GET /plaintext HTTP/1.1\r\nHost: a\r\nX: " + "b".repeat(HttpParser.MAX_HEADER_BYTES) + "\u0000\r\n\r\n";
        assertThat(send(bad).status()).isEqualTo("431 Request Header Fields Too Large");
        assertThat(send(bad.split("")).status()).isEqualTo("431 Request Header Fields Too Large");
    }

    private static final String POST = "POST /echo HTTP/1.1\r\nHost: a\r\n";
    /** A route that takes its body whole, so that a refusal after some of it still gets its status. */
    private static final String WHOLE = "POST /nothing HTTP/1.1\r\nHost: a\r\n";

    @Test
    void s6_1_transferEncodingWithContentLengthIsRefusedAndTheConnectionClosed() {
        refused(POST + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", "400 Bad Request");
        refused(POST + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s6_1_transferEncodingInHttp10IsFaultyFraming() {
        refused("POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s6_3_chunkedMustBeTheFinalCodingAndAppliedOnce() {
        refused(POST + "Transfer-Encoding: chunked, gzip\r\n\r\n", "400 Bad Request");
        refused(POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n", "400 Bad Request");
        refused(POST + "Transfer-Encoding: chunked, chunked\r\n\r\n", "400 Bad Request");
        refused(POST + "Transfer-Encoding: gzip\r\n\r\n", "400 Bad Request");
        refused(POST + "Transfer-Encoding:\r\n\r\n", "400 Bad Request");
        refused(POST + "Transfer-Encoding: gzip, chunked\r\n\r\n", "501 Not Implemented"); // 6.1: a coding not understood
        refused(POST + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", "501 Not Implemented");
        assertThat(send(POST + "Transfer-Encoding: Chunked\r\n\r\n1\r\na\r\n0\r\n\r\n").text()).as("case-insensitive")
                .endsWith("1\r\nA\r\n0\r\n\r\n");
    }

    @Test
    void s6_3_aContentLengthIsDigitsOrAListOfOneNumber() {
        assertThat(send(POST + "Content-Length: 3, 3\r\n\r\nabc").text()).endsWith("3\r\nABC\r\n0\r\n\r\n");
        assertThat(send(POST + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc").text()).endsWith("3\r\nABC\r\n0\r\n\r\n");
        assertThat(send(POST + "Content-Length: 003\r\n\r\nabc").text()).endsWith("3\r\nABC\r\n0\r\n\r\n");
        refused(POST + "Content-Length: 3, 4\r\n\r\nabcd", "400 Bad Request");
        refused(POST + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", "400 Bad Request");
        refused(POST + "Content-Length: +3\r\n\r\nabc", "400 Bad Request");
        refused(POST + "Content-Length: 3 3\r\n\r\nabc", "400 Bad Request");
        refused(POST + "Content-Length: 0x3\r\n\r\nabc", "400 Bad Request");
        refused(POST + "Content-Length:\r\n\r\n", "400 Bad Request");
        refused(POST + "Content-Length: 9999999999999999999\r\n\r\n", "400 Bad Request");
        refused(POST + "Content-Length: " + (HttpParser.MAX_BODY + 1) + "\r\n\r\n", "413 Content Too Large");
    }

    @Test
    void s6_3_aRequestWithNeitherHasNoBody() {
        Answer a = send(POST + "\r\n" + GET);
        assertThat(a.text()).contains("Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nHTTP/1.1 200 OK");
    }

    @Test
    void s7_1_theChunkSizeIsHexAndItsLineIsWellFormed() {
        assertThat(send(POST + "Transfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n").text())
                .endsWith("a\r\n0123456789\r\n0\r\n\r\n");
        assertThat(send(POST + "Transfer-Encoding: chunked\r\n\r\n0003\r\nabc\r\n00\r\n\r\n").text())
                .endsWith("3\r\nABC\r\n0\r\n\r\n");
        refused(WHOLE + "Transfer-Encoding: chunked\r\n\r\nG\r\n", "400 Bad Request");
        refused(WHOLE + "Transfer-Encoding: chunked\r\n\r\n\r\n", "400 Bad Request");
        refused(WHOLE + "Transfer-Encoding: chunked\r\n\r\n-1\r\n", "400 Bad Request");
        refused(WHOLE + "Transfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n", "400 Bad Request");
        refused(WHOLE + "Transfer-Encoding: chunked\r\n\r\n" + "f".repeat(16) + "\r\n", "400 Bad Request"); // overflows
        refused(WHOLE + "Transfer-Encoding: chunked\r\n\r\n3\rabc", "400 Bad Request");
        refused(WHOLE + "Transfer-Encoding: chunked\r\n\r\n100001\r\n", "413 Content Too Large");
    }

    @Test
    void s7_1_theChunkDataEndsWithCrlf() {
        refused(WHOLE + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n", "400 Bad Request");
        refused(WHOLE + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\r0\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s7_1_1_chunkExtensionsFollowTheirGrammarAndAreBounded() {
        for (String ok : new String[] {"3;a", "3;a=b", "3; a = b", "3;a=\"q \\\" d\";c", "3 ;a"}) {
            assertThat(send(POST + "Transfer-Encoding: chunked\r\n\r\n" + ok + "\r\nabc\r\n0\r\n\r\n").status())
                    .as(ok).isEqualTo("200 OK");
        }
        for (String bad : new String[] {"3;", "3;=b", "3;a b", "3;a=b c", "3;a=\"q", "3;a=(", "3;\u0001"}) {
            refused(WHOLE + "Transfer-Encoding: chunked\r\n\r\n" + bad + "\r\nabc\r\n0\r\n\r\n", "400 Bad Request");
        }
        refused(WHOLE + "Transfer-Encoding: chunked\r\n\r\n3;a=" + "b".repeat(HttpParser.MAX_CHUNK_LINE) + "\r\nabc\r\n0\r\n\r\n",
                "400 Bad Request");
    }

    @Test
    void s7_1_2_trailersAreCheckedCountedAndDropped() {
        Answer a = send(POST + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 1\r\nY: 2\r\n\r\n" + GET);
        assertThat(a.text()).contains("3\r\nABC\r\n0\r\n\r\nHTTP/1.1 200 OK").endsWith("Hello, World!");
        refused(WHOLE + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX Sum: 1\r\n\r\n", "400 Bad Request");
    }

    @Test
    void s9_3_persistenceFollowsTheVersionAndConnection() {
        assertThat(send("GET /plaintext HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").closed()).isTrue();
        assertThat(send("GET /plaintext HTTP/1.1\r\nHost: a\r\nConnection: x, Close\r\n\r\n").closed()).isTrue();
        assertThat(send("GET /plaintext HTTP/1.0\r\n\r\n").closed()).isTrue();
        assertThat(send("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").closed()).isFalse();
        assertThat(send(GET).closed()).isFalse();
    }

    @Test
    void s9_3_2_pipelinedRequestsAreAnsweredInOrderInOneWrite() {
        Answer a = send(GET + "GET /json HTTP/1.1\r\nHost: a\r\n\r\n" + GET);
        assertThat(a.writes()).isEqualTo(1);
        assertThat(a.text().indexOf("Hello")).isLessThan(a.text().indexOf("message"));
        assertThat(a.text().lastIndexOf("Hello")).isGreaterThan(a.text().indexOf("message"));
    }
}
