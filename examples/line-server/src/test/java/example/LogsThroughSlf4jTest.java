package example;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.api.Test;

/**
 * iolab's log lines reach an application's SLF4J backend through the usual bridge
 * ({@code slf4j-jdk-platform-logging}, here with {@code slf4j-simple} writing to
 * {@code target/slf4j.log}, set in the pom): a handler that fails is logged by iolab, once.
 */
class LogsThroughSlf4jTest {

    @Test
    void aFailingHandlerIsLoggedThroughSlf4j() throws Exception {
        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
        try (Server server = Server.start(ServerConfig.builder().engine("threads").host("127.0.0.1").port(0).build(),
                Application.stream(c -> {
                    throw new IllegalStateException("boom, as the test expects");
                }));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertNull(in.readLine()); // the failed handler's connection is closed
        }
        String text = "";
        for (int i = 0; i < 100 && !text.contains("boom, as the test expects"); i++) { // bounded: 10 s
            Thread.sleep(100);
            text = Files.exists(log) ? Files.readString(log) : "";
        }
        assertTrue(text.contains("WARN org.iolab.") && text.contains("boom, as the test expects"),
                "iolab's warning in " + log + ":\n" + text);
    }
}
