package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ws app against a WebSocket client no one here wrote: Node's {@code ws} package from npm
 * (on Debian's Node.js; {@code .ci/run} installs both, and this test installs the package into
 * {@code target/node} when it is missing): text and binary messages of 0 B, 125 B, 126 B,
 * 64 KiB and 1 MiB, whole and fragmented, each back upper-cased, then a clean close.
 */
class NodeWebSocketTest {

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
        Path node = wsPackage();
        Path script = node.resolve("ws-exchange.js");
        try (var in = NodeWebSocketTest.class.getResourceAsStream("/node/ws-exchange.js")) {
            Files.write(script, in.readAllBytes());
        }
        try (Served s = Served.start("--app", "ws", "--engine", engine)) {
            ProcessBuilder pb = new ProcessBuilder("node", script.toString(), "ws://127.0.0.1:" + s.port() + "/ws")
                    .redirectErrorStream(true);
            pb.environment().put("NODE_PATH", node.resolve("node_modules").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out.lines().filter(l -> l.startsWith("OK ")).count()).as(out).isEqualTo(20);
            assertThat(out).contains("OK text 1048576 fragmented").contains("OK binary 0").contains("CLOSED 1000");
        }
    }
}
