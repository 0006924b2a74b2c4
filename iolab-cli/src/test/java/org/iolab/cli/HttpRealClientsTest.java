package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code iolab serve --app http} against HTTP clients no one here wrote (Debian's; {@code .ci/run}
 * installs what is missing): curl uploading with {@code Expect: 100-continue}, ApacheBench,
 * h2load in HTTP/1.1 mode, and Python's {@code http.client}; zero failed requests each.
 */
class HttpRealClientsTest {

    @TempDir
    Path dir;

    private static String url(Served s, String path) {
        return "http://127.0.0.1:" + s.port() + path;
    }

    /**
     * curl sends {@code Expect: 100-continue} with an upload and waits for {@code 100 Continue}
     * before the body (a second, then it sends anyway): it gets it at once, and the body streams
     * back upper-cased. curl says "Done waiting for 100-continue" when it gave up waiting.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epoll", "virtual"})
    void curlUploadsWithExpectAndGets100ContinueAtOnce(String engine) throws Exception {
        Path body = dir.resolve("body.txt");
        Files.writeString(body, "hello, curl! ".repeat(200_000)); // 2.6 MB
        try (Served s = Served.start("--app", "http", "--engine", engine, "--max-body", "16m")) {
            Path got = dir.resolve("got.txt");
            Programs.Ran r = Programs.run("curl", "-sS", "-v", "-H", "Expect: 100-continue", "-H", "Content-Type: text/plain",
                    "--data-binary", "@" + body, "-o", got.toString(), "-w", "time %{time_total}\n", url(s, "/echo"));
            assertThat(r.code()).as(r.out()).isZero();
            assertThat(r.out()).contains("< HTTP/1.1 100 Continue").contains("< HTTP/1.1 200 OK")
                    .doesNotContain("Done waiting for 100-continue");
            assertThat(Files.readString(got)).isEqualTo(Files.readString(body).toUpperCase());
        }
    }

    @Test
    void abAndH2loadGetEveryAnswerWithoutAFailure() throws Exception {
        Path post = dir.resolve("post.txt");
        Files.writeString(post, "abc".repeat(100));
        try (Served s = Served.start("--app", "http", "--engine", "epoll")) {
            Programs.Ran ab = Programs.run("ab", "-q", "-n", "3000", "-c", "20", "-k", url(s, "/plaintext"));
            assertThat(ab.out()).as(ab.out()).contains("Complete requests:      3000").contains("Failed requests:        0")
                    .doesNotContain("Non-2xx responses");
            Programs.Ran abPost = Programs.run("ab", "-q", "-n", "500", "-c", "5", "-p", post.toString(), "-T", "text/plain", url(s, "/echo"));
            assertThat(abPost.out()).as(abPost.out()).contains("Complete requests:      500")
                    .contains("Failed requests:        0").doesNotContain("Non-2xx responses");
            Programs.Ran h2 = Programs.run("h2load", "--h1", "-n", "4000", "-c", "20", "-m", "8", url(s, "/plaintext"));
            assertThat(h2.out()).as(h2.out()).contains("4000 succeeded, 0 failed, 0 errored").contains("status codes: 4000 2xx");
        }
    }

    @Test
    void pythonsHttpClientGetsPostsAndUploadsChunked() throws Exception {
        try (Served s = Served.start("--app", "http", "--engine", "nio")) {
            String script = String.join("\n",
                    "import http.client, sys",
                    "c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]), timeout=20)",
                    "c.request('GET', '/plaintext'); r = c.getresponse(); print(r.status, r.read().decode())",
                    "c.request('POST', '/echo', body=b'python body'); r = c.getresponse(); print(r.status, r.read().decode())",
                    "c.request('POST', '/echo', body=iter([b'chunked ', b'upload']), encode_chunked=True)",
                    "r = c.getresponse(); print(r.status, r.read().decode())",
                    "c.request('OPTIONS', '*'); r = c.getresponse(); r.read(); print(r.status, r.getheader('Allow'))",
                    "c.request('GET', '/missing'); r = c.getresponse(); r.read(); print(r.status)");
            Programs.Ran py = Programs.run("python3", "-c", script, Integer.toString(s.port()));
            assertThat(py.code()).as(py.out()).isZero();
            assertThat(py.out().lines().toList()).containsExactly("200 Hello, World!", "200 PYTHON BODY",
                    "200 CHUNKED UPLOAD", "200 GET, HEAD, POST, OPTIONS", "404");
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAtTheKeepAliveTimeout() throws Exception {
        try (Served s = Served.start("--app", "http", "--keep-alive-timeout", "0.5");
             java.net.Socket c = new java.net.Socket("127.0.0.1", s.port())) {
            c.setSoTimeout(20_000);
            c.getOutputStream().write("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] all = c.getInputStream().readAllBytes(); // the answer, then the close of an idle connection
            assertThat(new String(all, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 OK").endsWith("Hello, World!");
        }
        assertThat(InProcess.run("serve", "--help").out()).contains("--keep-alive-timeout").contains("default: 60");
    }
}
