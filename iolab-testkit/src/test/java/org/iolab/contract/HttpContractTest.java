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

    /** Reads one response (headers, then Content-Length bytes of body). */
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
        int at = h.toLowerCase().indexOf("content-length: ");
        int length = Integer.parseInt(h.substring(at + 16, h.indexOf("\r\n", at)).strip());
        return new Response(h.substring(0, h.indexOf("\r\n")), new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
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
