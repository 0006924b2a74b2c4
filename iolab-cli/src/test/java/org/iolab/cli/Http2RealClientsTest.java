package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code iolab serve --app http} speaking HTTP/2 to clients no one here wrote ({@code .ci/run}
 * installs them): curl in clear text by prior knowledge and over TLS by ALPN, nghttp, h2load's
 * many streams on many connections with not one failed, and Node's built-in {@code http2}. The
 * browsers' side is Chromium's (the admin page and the chat page over HTTPS, in their modules).
 */
class Http2RealClientsTest {

    @TempDir
    Path dir;

    private static String http(Served s, String path) {
        return "http://127.0.0.1:" + s.port() + path;
    }

    private static String https(Served s, String path) {
        return "https://localhost:" + s.port() + path;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epoll", "iouring", "nio", "virtual"})
    void curlSpeaksH2InClearTextAndOverTls(String engine) throws Exception {
        try (Served s = Served.start("--app", "http", "--engine", engine);
             Served tls = Served.start("--app", "http", "--tls", "--engine", engine)) {
            // one URL per curl: Debian's curl 7.88 fails its second request on a reused prior-knowledge
            // connection ("Error in the HTTP2 framing layer") against nghttpd just as here
            Programs.Ran get = Programs.run("curl", "-sS", "--http2-prior-knowledge", "-w", "\n%{http_version} %{response_code}",
                    http(s, "/plaintext"));
            assertThat(get.out()).as(get.out()).isEqualTo("Hello, World!\n2 200");
            Programs.Ran post = Programs.run("curl", "-sS", "--http2-prior-knowledge", "-w", "\n%{http_version} %{response_code}",
                    "--data-binary", "prior knowledge", http(s, "/echo"));
            assertThat(post.out()).as(post.out()).isEqualTo("PRIOR KNOWLEDGE\n2 200");
            Programs.Ran overTls = Programs.run("curl", "-sS", "-v", "--http2", "--cacert", tls.certificate(),
                    https(tls, "/json"));
            assertThat(overTls.code()).as(overTls.out()).isZero();
            assertThat(overTls.out()).contains("ALPN: server accepted h2").contains("< HTTP/2 200")
                    .contains("< content-type: application/json").contains("{\"message\":\"Hello, World!\"}");
        }
    }

    @Test
    void nghttpGetsEveryAnswerOverTlsAndInClearText() throws Exception {
        try (Served s = Served.start("--app", "http", "--engine", "epoll");
             Served tls = Served.start("--app", "http", "--tls", "--engine", "nio2")) {
            Programs.Ran clear = Programs.run("nghttp", "-nv", http(s, "/plaintext"), http(s, "/json"), http(s, "/nothing"));
            assertThat(clear.code()).as(clear.out()).isZero();
            assertThat(clear.out()).contains(":status: 200").contains(":status: 404")
                    .contains("recv SETTINGS frame").contains("send GOAWAY frame");
            Programs.Ran overTls = Programs.run("nghttp", "-nv", https(tls, "/plaintext"));
            assertThat(overTls.code()).as(overTls.out()).isZero();
            assertThat(overTls.out()).contains("The negotiated protocol: h2").contains(":status: 200");
        }
    }

    /** h2load: 10 connections of 16 streams at once, 20,000 requests, in clear text and over TLS; not one fails. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epoll", "iouring", "virtual"})
    void h2loadGetsEveryAnswerWithoutAFailure(String engine) throws Exception {
        Path post = dir.resolve("post.txt");
        Files.writeString(post, "abc".repeat(300));
        try (Served s = Served.start("--app", "http", "--engine", engine);
             Served tls = Served.start("--app", "http", "--tls", "--engine", engine)) {
            for (String url : List.of(http(s, "/plaintext"), https(tls, "/plaintext"))) {
                Programs.Ran r = Programs.run("h2load", "-n", "20000", "-c", "10", "-m", "16", url);
                assertThat(r.out()).as(r.out()).contains("20000 succeeded, 0 failed, 0 errored")
                        .contains("status codes: 20000 2xx");
            }
            Programs.Ran posts = Programs.run("h2load", "-n", "2000", "-c", "4", "-m", "8", "-d", post.toString(), http(s, "/echo"));
            assertThat(posts.out()).as(posts.out()).contains("2000 succeeded, 0 failed, 0 errored");
        }
    }

    @Test
    void nodesHttp2ClientMultiplexesOneSession() throws Exception {
        Path script = dir.resolve("h2-requests.js");
        try (var in = Http2RealClientsTest.class.getResourceAsStream("/node/h2-requests.js")) {
            Files.copy(in, script);
        }
        try (Served s = Served.start("--app", "http", "--engine", "epoll");
             Served tls = Served.start("--app", "http", "--tls", "--engine", "iouring")) {
            List<String> want = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                want.add(i % 2 == 0 ? "200 Hello, World!" : "200 NODE REQUEST " + i);
            }
            Programs.Ran clear = Programs.run("node", script.toString(), http(s, "/"), "30");
            assertThat(clear.out().lines().toList()).as(clear.out()).startsWith(want.toArray(String[]::new)).endsWith("DONE");
            Programs.Ran overTls = Programs.run(Duration.ofMinutes(1), "", "env", "NODE_EXTRA_CA_CERTS=" + tls.certificate(),
                    "node", script.toString(), "https://localhost:" + tls.port(), "30");
            assertThat(overTls.out().lines().toList()).as(overTls.out()).startsWith(want.toArray(String[]::new))
                    .contains("SESSION h2").endsWith("DONE");
        }
    }
}
