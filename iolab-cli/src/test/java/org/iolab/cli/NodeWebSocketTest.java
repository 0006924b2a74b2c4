package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.iolab.certs.SelfSigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ws app against a WebSocket client no one here wrote: Node's {@code ws} package from npm
 * (on Debian's Node.js; {@code .ci/run} installs both, and this test installs the package into
 * {@code target/node} when it is missing): text and binary messages of 0 B, 125 B, 126 B,
 * 64 KiB and 1 MiB, whole and fragmented, each back upper-cased, then a clean close; the same
 * over {@code wss://}, the client verifying the server's certificate; and the chat room's page
 * over HTTPS with its room at {@code /ws}, which refuses another origin's socket.
 */
class NodeWebSocketTest {

    @TempDir
    Path dir;

    static final Path NODE = Path.of("target", "node").toAbsolutePath();

    /** Installs {@code ws} into {@code target/node} unless it is there (bounded). */
    static Path wsPackage() throws Exception {
        if (!Files.isDirectory(NODE.resolve("node_modules/ws"))) {
            Files.createDirectories(NODE);
            Process p = new ProcessBuilder("npm", "install", "--prefix", NODE.toString(), "--no-audit", "--no-fund",
                    "--loglevel", "error", "ws@8").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("npm install ws within 3 minutes").isTrue();
            assertThat(p.exitValue()).as("npm install ws (Node.js and npm from Debian: .ci/run installs them): " + out).isZero();
        }
        return NODE;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epoll", "iouring", "virtual"})
    void nodesWsPackageExchangesEveryMessageLengthAndClosesCleanly(String engine) throws Exception {
        try (Served s = Served.start("--app", "ws", "--engine", engine)) {
            String out = node("ws-exchange.js", Map.of(), "ws://127.0.0.1:" + s.port() + "/ws");
            assertThat(out.lines().filter(l -> l.startsWith("OK ")).count()).as(out).isEqualTo(20);
            assertThat(out).contains("OK text 1048576 fragmented").contains("OK binary 0").contains("CLOSED 1000");
        }
    }

    @Test
    void overTlsTheClientVerifiesTheCertificateAndExchangesTheSame() throws Exception {
        Path[] pem = localhostPem();
        try (Served s = Served.start("--app", "ws", "--engine", "epoll", "--tls", "--cert", pem[0].toString(),
                "--key", pem[1].toString())) {
            String out = node("ws-exchange.js", Map.of("NODE_EXTRA_CA_CERTS", pem[0].toString()),
                    "wss://localhost:" + s.port() + "/ws");
            assertThat(out.lines().filter(l -> l.startsWith("OK ")).count()).as(out).isEqualTo(20);
            assertThat(out).contains("CLOSED 1000");
        }
    }

    @Test
    void theChatPageIsServedOverHttpsAndItsRoomTakesItsOwnOriginOnly() throws Exception {
        Path[] pem = localhostPem();
        try (Served s = Served.start("--app", "chat", "--engine", "epoll", "--web", "127.0.0.1:0", "--tls",
                "--cert", pem[0].toString(), "--key", pem[1].toString())) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> s.out().stream().anyMatch(l -> l.startsWith("web: ")));
            String web = s.out().stream().filter(l -> l.startsWith("web: ")).findFirst().orElseThrow().substring(5);
            assertThat(web).matches("https://127\\.0\\.0\\.1:\\d+/");
            String origin = web.substring(0, web.length() - 1).replace("127.0.0.1", "localhost");
            String out = node("chat-join.js", Map.of("NODE_EXTRA_CA_CERTS", pem[0].toString()),
                    origin.replace("https://", "wss://") + "/ws", origin, "https://elsewhere.example");
            assertThat(out).contains("REFUSED 403").contains("HEARD 127.0.0.1:").contains("CLOSED 1000");
            Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", "--cacert", pem[0].toString(),
                    origin + "/").redirectErrorStream(true).start();
            String page = new String(curl.getInputStream().readAllBytes());
            assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(page).as("curl, verifying the certificate").contains("<script src=\"/chat.js\"");
        }
    }

    private Path[] localhostPem() throws Exception {
        Path cert = dir.resolve("localhost.pem");
        Path key = dir.resolve("localhost.key");
        SelfSigned.localhost(Duration.ofDays(1)).writePem(cert, key);
        return new Path[] {cert, key};
    }

    /** Runs a script of {@code src/test/resources/node} with the package on Node's path (bounded); its output. */
    private static String node(String scriptName, Map<String, String> env, String... args) throws Exception {
        Path node = wsPackage();
        Path script = node.resolve(scriptName);
        try (var in = NodeWebSocketTest.class.getResourceAsStream("/node/" + scriptName)) {
            Files.write(script, in.readAllBytes());
        }
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("node", script.toString()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("NODE_PATH", node.resolve("node_modules").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
