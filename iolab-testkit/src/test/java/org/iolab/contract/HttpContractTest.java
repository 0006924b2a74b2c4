package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.iolab.apps.Apps;
import org.iolab.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The http app on every engine (and on processes' workers): pipelined requests answered in
 * order, keep-alive across reads, a body bigger than the socket buffers echoed whole, and
 * {@code Connection: close} honoured.
 */
class HttpContractTest {

    /** One response: its status line and body. */
    record Response(String status, String body) {
    }

    /** Reads one response (headers, then its body: Content-Length bytes, or chunks). */
    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        String status = h.substring(0, h.indexOf("\r\n"));
        if (h.toLowerCase().contains("transfer-encoding: chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line(in), 16);
                if (size == 0) {
                    line(in); // the empty trailer section
                    return new Response(status, body.toString(StandardCharsets.ISO_8859_1));
                }
                body.write(in.readNBytes(size));
                line(in);
            }
        }
        int at = h.toLowerCase().indexOf("content-length: ");
        int length = at < 0 ? 0 : Integer.parseInt(h.substring(at + 16, h.indexOf("\r\n", at)).strip());
        return new Response(status, new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the response ended inside a chunked body");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    /** Sends {@code request} on a fresh connection: the response, and whether the server closed after it. */
    static Response once(Server server, String request) throws IOException {
        try (Client c = new Client(server)) {
            c.send(request);
            Response r = read(c.in);
            return r == null ? null : new Response(r.status() + (closedAfter(c) ? " (closed)" : ""), r.body());
        }
    }

    /**
     * Whether the server closed after its response: a probe request on the same connection gets
     * the end of the stream (or a reset), or an answer. No wait for a close that never comes.
     */
    private static boolean closedAfter(Client c) throws IOException {
        try {
            c.send("GET /plaintext HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            return read(c.in) == null;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /** What RFC 9112 and 9110 say a server must answer, each case of the http issue, on every engine. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void theRfcsAnswersComeFromEveryEngine(String engine) throws Exception {
        try (Server server = Servers.start(engine, Apps.create("http", false))) {
            assertThat(once(server, "GET /plaintext HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n").status())
                    .as("two Host lines (9112 3.2)").isEqualTo("HTTP/1.1 400 Bad Request (closed)");
            assertThat(once(server, "GET http://example.com/plaintext HTTP/1.1\r\nHost: e\r\n\r\n"))
                    .as("the absolute form (9112 3.2.2)").isEqualTo(new Response("HTTP/1.1 200 OK", "Hello, World!"));
            assertThat(once(server, "GET /plaintext HTTP/1.1\r\nHost: a\r\nX: a\u0000b\r\n\r\n").status())
                    .as("NUL in a value (9110 5.5)").isEqualTo("HTTP/1.1 400 Bad Request (closed)");
            assertThat(once(server, "GET /plaintext HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n").status())
                    .as("a bare CR (9112 2.2)").isEqualTo("HTTP/1.1 400 Bad Request (closed)");
            assertThat(once(server, "GET /plaintext HTTP/1.1\r\nHost: a\r\nX(A): a\r\n\r\n").status())
                    .as("a name that is not a token (9110 5.1)").isEqualTo("HTTP/1.1 400 Bad Request (closed)");
            assertThat(once(server, "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").status()).as("OPTIONS * (9112 3.2.4)")
                    .isEqualTo("HTTP/1.1 200 OK");
            assertThat(once(server, "POST /echo HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\nContent-Length: 1\r\n\r\n")
                    .status()).as("another expectation (9110 10.1.1)").isEqualTo("HTTP/1.1 417 Expectation Failed (closed)");
        }
    }

    /** A TLS ClientHello on the clear port: refused at its first byte, not once a line end comes (it never does). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void bytesThatCannotStartARequestAreRefusedAtOnce(String engine) throws Exception {
        try (Server server = Servers.start(engine, Apps.create("http", false)); Client c = new Client(server)) {
            c.out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00}); // no line end follows
            c.out.flush();
            assertThat(read(c.in).status()).isEqualTo("HTTP/1.1 400 Bad Request");
        }
    }

    /** Expect: 100-continue gets 100 Continue once the head is read, and the client sends its body after it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void aClientThatExpectsContinueGetsItBeforeSendingItsBody(String engine) throws Exception {
        try (Server server = Servers.start(engine, Apps.create("http", false)); Client c = new Client(server)) {
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            assertThat(c.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(c.readLine()).isEmpty();
            c.send("hello");
            assertThat(c.readLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    /**
     * A body too large, refused while the client still sends it: the server answers 413, shuts its
     * side and drops what still comes (a lingering close), so the client reads the 413 instead of
     * a reset that destroys it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void aRefusalWhileTheBodyStillArrivesReachesTheClient(String engine) throws Exception {
        try (Server server = Servers.start(engine, Apps.create("http", false)); Client c = new Client(server)) {
            Thread writer = Thread.ofPlatform().daemon(true).start(() -> {
                byte[] chunk = new byte[16 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'x');
                try {
                    c.out.write("POST /nothing HTTP/1.1\r\nHost: a\r\nContent-Length: 8000000\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    c.out.write(("POST /nothing HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "zz\r\n").getBytes(StandardCharsets.US_ASCII)); // arrives inside the first body: dropped
                    for (int i = 0; i < 200; i++) {
                        c.out.write(chunk); // 3.2 MB more, after the refusal
                    }
                } catch (IOException expected) {
                    // the server closes once it has lingered
                }
            });
            Response r = read(c.in);
            assertThat(r.status()).isEqualTo("HTTP/1.1 413 Content Too Large");
            writer.join(Client.TIMEOUT_MS);
        }
    }

    /**
     * POST /echo streams: with no body limit, 12 MiB go through a connection in bounded memory, and
     * a client that does not read its answer is slowed: the server stops taking its upload.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void anUnlimitedBodyStreamsThroughAndAnUploadIsSlowedWhileItsAnswerIsNotRead(String engine) throws Exception {
        int total = 12 << 20;
        try (Server server = Servers.start(engine, Apps.http(Long.MAX_VALUE)); Client c = new Client(server, 64 * 1024)) {
            Thread writer = Thread.ofPlatform().daemon(true).start(() -> {
                byte[] chunk = "abcdefghijklmnop".repeat(4096).getBytes(StandardCharsets.US_ASCII); // 64 KiB
                try {
                    c.out.write(("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: " + total + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    for (int sent = 0; sent < total; sent += chunk.length) {
                        c.out.write(chunk);
                    }
                    c.out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long taken = Steady.await(() -> server.stats().bytesIn());
            assertThat(taken).as("the upload stops while its answer is not read").isLessThan(total / 2);
            Response r = read(c.in);
            writer.join(Client.TIMEOUT_MS);
            assertThat(r.status()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(r.body()).hasSize(total).isEqualTo("ABCDEFGHIJKLMNOP".repeat(total / 16));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void pipelinedRequestsComeBackInOrderAndKeepAliveHolds(String engine) throws Exception {
        try (Server server = Servers.start(engine, Apps.create("http", false)); Client c = new Client(server)) {
            c.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /json HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(read(c.in)).isEqualTo(new Response("HTTP/1.1 200 OK", "Hello, World!"));
            assertThat(read(c.in)).isEqualTo(new Response("HTTP/1.1 200 OK", "ABC"));
            assertThat(read(c.in)).isEqualTo(new Response("HTTP/1.1 200 OK", "{\"message\":\"Hello, World!\"}"));
            c.send("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n"); // the same connection, a later read
            assertThat(read(c.in).status()).isEqualTo("HTTP/1.1 404 Not Found");
            c.send("GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(read(c.in).body()).isEqualTo("Hello, World!");
            assertThat(c.in.read()).as("closed after Connection: close").isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void aBodyBiggerThanTheSocketBuffersIsEchoedWhole(String engine) throws Exception {
        byte[] body = new byte[512 * 1024];
        new Random(7).nextBytes(body);
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + (body[i] & 0x0f)); // lower-case letters, upper-cased by the echo
        }
        try (Server server = Servers.start(engine, Apps.create("http", false)); Client c = new Client(server)) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    c.out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    c.out.write(body);
                    c.out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Response r = read(c.in);
            writer.join(20_000);
            assertThat(r.status()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(r.body()).isEqualTo(new String(body, StandardCharsets.ISO_8859_1).toUpperCase());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void aSlowlorisSendingOneHeaderLineAtATimeGets408AndAClose(String engine) throws Exception {
        org.iolab.server.ServerConfig config = Servers.config(engine).toBuilder()
                .lineTimeout(java.time.Duration.ofMillis(400)).build();
        try (Server server = Servers.start(config, Apps.create("http", false)); Client c = new Client(server)) {
            c.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n"); // a whole request first: no deadline after it
            assertThat(read(c.in).body()).isEqualTo("Hello, World!");
            c.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n");
            Response r = null;
            for (int i = 0; i < 100 && r == null; i++) { // every line complete, the request never: 20 s at most
                Thread.sleep(200);
                try {
                    c.send("X-Slow: " + i + "\r\n");
                } catch (IOException closed) {
                    break;
                }
                if (c.in.available() > 0) {
                    r = read(c.in);
                }
            }
            if (r == null) {
                r = read(c.in);
            }
            assertThat(r).isEqualTo(new Response("HTTP/1.1 408 Request Timeout", "Request Timeout\n"));
        }
    }
}
