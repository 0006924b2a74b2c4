package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.iolab.apps.Apps;
import org.iolab.apps.http.h2.H2Client;
import org.iolab.apps.http.h2.Http2;
import org.iolab.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The http app's HTTP/2 on every engine (and processes' workers): h2spec's 146 cases in strict
 * mode, in clear text and over TLS; the JDK's HttpClient negotiating h2 by ALPN for the routes
 * HTTP/1.1 serves; frames dribbled an octet at a time; a graceful stop that lets a stream in
 * flight finish after its GOAWAY. The defences have their own suite ({@link Http2DefenceContractTest}).
 */
class Http2ContractTest {

    private static final String HELLO = "Hello, World!";

    /**
     * h2spec leaves connections open while it tests on new ones, more than the pool engine's two
     * workers per core (its model: a connection beyond them waits for a free worker), so the pool
     * gets 32 here.
     */
    private static org.iolab.server.ServerConfig h2specConfig(String engine) {
        org.iolab.server.ServerConfig c = Servers.config(engine);
        return engine.equals("pool") ? c.toBuilder().option("pool-size", "32").build() : c;
    }

    /**
     * Every case on the engines that serve connections side by side; on those that serve one at
     * a time (blocking, and processes with blocking workers) the 138 that need one connection
     * (see {@link H2spec#ONE_CONNECTION_AT_A_TIME}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void h2specPassesInClearText(String engine) throws Exception {
        try (Server server = Servers.start(h2specConfig(engine), Apps.create("http", false))) {
            assertH2specPasses(engine, server, false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void h2specPassesOverTls(String engine) throws Exception {
        try (Server server = Servers.start(h2specConfig(engine).toBuilder().tls(Tls.config(Duration.ofSeconds(10))).build(),
                Apps.create("http", false))) {
            assertH2specPasses(engine, server, true);
        }
    }

    private static void assertH2specPasses(String engine, Server server, boolean tls) throws Exception {
        boolean side = EngineCases.concurrentNamed().anyMatch(engine::equals);
        H2spec.Run run = H2spec.strict(server.port(), tls, side ? List.of() : H2spec.ONE_CONNECTION_AT_A_TIME);
        int cases = side ? 146 : 138;
        assertThat(run.summary()).as(run.failures()).isEqualTo(cases + " tests, " + cases + " passed, 0 skipped, 0 failed");
        assertThat(run.exit()).isZero();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(Tls.clientContext())
                .connectTimeout(Duration.ofMillis(Client.TIMEOUT_MS)).build();
    }

    private static HttpRequest.Builder request(Server server, String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofMillis(Client.TIMEOUT_MS));
    }

    /** The routes answer over h2 as over HTTP/1.1: content, HEAD, 404, 405 with Allow. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void theJdkClientNegotiatesH2AndEveryRouteAnswers(String engine) throws Exception {
        try (Server server = Tls.start(engine, Apps.create("http", false)); HttpClient http = client()) {
            HttpResponse<String> get = http.send(request(server, "/plaintext").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(HELLO);
            assertThat(get.headers().firstValue("content-type")).hasValue("text/plain");

            HttpResponse<String> head = http.send(request(server, "/plaintext").HEAD().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValue("content-length")).hasValue("13");

            HttpResponse<String> missing = http.send(request(server, "/nothing").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);

            HttpResponse<String> wrong = http.send(request(server, "/plaintext").DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(405);
            assertThat(wrong.headers().firstValue("allow").orElse("")).contains("GET");
        }
    }

    /** A body of a million octets, more than either side's windows, streams in and back upper-cased. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void aBodyLargerThanTheWindowsStreamsThroughBothWays(String engine) throws Exception {
        byte[] body = new byte[1_000_000];
        Random r = new Random(30);
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + r.nextInt(26));
        }
        try (Server server = Tls.start(engine, Apps.create("http", false)); HttpClient http = client()) {
            HttpResponse<byte[]> echo = http.send(request(server, "/echo").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(echo.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(echo.statusCode()).isEqualTo(200);
            assertThat(new String(echo.body(), StandardCharsets.US_ASCII))
                    .isEqualTo(new String(body, StandardCharsets.US_ASCII).toUpperCase());
        }
    }

    /**
     * Flow control per stream: a client that keeps one stream's window shut (SETTINGS_INITIAL_WINDOW_SIZE
     * 1000, no WINDOW_UPDATE for it) gets no more than 1000 octets on it, and the stream opened
     * after it is answered whole meanwhile; the window opened, the held stream finishes whole.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void aStreamWhoseWindowStaysShutWaitsAloneWhileTheOthersAreAnswered(String engine) throws Exception {
        String body = "slow reader ".repeat(1500); // 18,000 octets, echoed upper-cased as they arrive
        try (Server server = Servers.start(engine, Apps.create("http", false)); H2Wire wire = new H2Wire(server)) {
            wire.frames.frame(Http2.SETTINGS, 0, 0, new byte[] {0, 4, 0, 0, 0x03, (byte) 0xE8})
                    .headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/echo", ":authority", "a");
            for (int at = 0; at < body.length(); at += 6000) {
                wire.frames.data(1, body.substring(at, at + 6000), at + 6000 == body.length());
            }
            wire.frames.get(3, "/plaintext");
            wire.flush();
            assertThat(wire.answer(3)).contains(":status: 200").endsWith(HELLO);
            wire.frames.frame(Http2.PING, 0, 0, new byte[8]);
            wire.flush().until(f -> f.is(Http2.PING) && f.has(Http2.ACK)); // what the server had to send is read
            assertThat(wire.ended(1)).as("the held stream waits for its window").isFalse();
            assertThat(wire.dataOctets(1)).as("octets sent on the held stream").isLessThanOrEqualTo(1000);
            wire.frames.windowUpdate(1, body.length());
            wire.flush();
            assertThat(wire.answer(1)).contains(":status: 200").endsWith(body.toUpperCase());
            assertThat(wire.dataOctets(1)).isEqualTo(body.length());
        }
    }

    /**
     * Fifty requests at once, GETs and bodies mixed: each gets its own answer. The JDK's client
     * may open a second connection meanwhile, which a one-at-a-time engine does not take while
     * the first stays open; its streams at once are the raw-frame tests'.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#concurrentNamed")
    void requestsAtOnceEachGetTheirOwnAnswer(String engine) throws Exception {
        try (Server server = Tls.start(engine, Apps.create("http", false)); HttpClient http = client()) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                HttpRequest req = i % 2 == 0 ? request(server, "/plaintext").build()
                        : request(server, "/echo").POST(HttpRequest.BodyPublishers.ofString("request " + i)).build();
                answers.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> a = answers.get(i).get(Client.TIMEOUT_MS, TimeUnit.MILLISECONDS);
                assertThat(a.body()).isEqualTo(i % 2 == 0 ? HELLO : "REQUEST " + i);
                assertThat(a.version()).isEqualTo(HttpClient.Version.HTTP_2);
            }
        }
    }

    /** The preface and a request arriving an octet at a time are read as HTTP/2, not as HTTP/1.1's {@code PRI}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void framesDribbledAnOctetAtATimeAreServed(String engine) throws Exception {
        try (Server server = Servers.start(engine, Apps.create("http", false)); H2Wire wire = new H2Wire(server, true)) {
            wire.frames.get(1, "/plaintext").headers(3, false, ":method", "POST", ":scheme", "http", ":path", "/echo",
                    ":authority", "a").data(3, "drip ", false).data(3, "drop", true);
            wire.dribble();
            assertThat(wire.answer(1)).contains(":status: 200").endsWith(HELLO);
            assertThat(wire.answer(3)).contains(":status: 200").endsWith("DRIP DROP");
        }
    }

    /**
     * A graceful stop sends GOAWAY naming the last stream taken; that stream, its body not yet
     * all sent, still finishes; then the server closes.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void aGracefulStopLetsTheStreamInFlightFinishAfterGoaway(String engine) throws Exception {
        Server server = Servers.start(engine, Apps.create("http", false));
        try (H2Wire wire = new H2Wire(server, false)) {
            wire.frames.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/echo", ":authority", "a")
                    .data(1, "still ", false).frame(Http2.PING, 0, 0, new byte[8]);
            wire.flush().until(f -> f.is(Http2.PING) && f.has(Http2.ACK)); // the stream is taken before the stop
            Thread stopper = Thread.ofPlatform().start(server::close);
            H2Client.Frame goaway = wire.goaway();
            assertThat(goaway).as("GOAWAY").isNotNull();
            assertThat(goaway.code()).isEqualTo(Http2.NO_ERROR);
            assertThat(goaway.payload()[3]).as("the last stream id").isEqualTo((byte) 1);
            wire.frames.data(1, "here", true);
            wire.flush();
            assertThat(wire.answer(1)).contains(":status: 200").endsWith("STILL HERE");
            wire.toClose();
            stopper.join(Client.TIMEOUT_MS);
            assertThat(stopper.isAlive()).isFalse();
        } finally {
            server.close();
        }
    }
}
