package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code iolab client} in its own process ends when the server hangs up, while its standard input
 * stays open, as telnet and ncat do: {@code (printf 'exit\n'; sleep 60) | iolab client} on the
 * menu app exits with 1 once the menu says goodbye, not when the input ends.
 */
class ClientExitTest {

    @Test
    void theClientExitsWhenTheServerHangsUpThoughItsInputStaysOpen() throws Exception {
        try (Served s = Served.start("--app", "menu")) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process client = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "org.iolab.cli.Main", "client", "--port", String.valueOf(s.port()))).start();
            try {
                OutputStream in = client.getOutputStream();
                in.write("exit\n".getBytes(StandardCharsets.UTF_8));
                in.flush(); // and kept open
                assertThat(client.waitFor(30, TimeUnit.SECONDS)).as("the client ended while its input was open").isTrue();
                assertThat(client.exitValue()).isEqualTo(1);
                assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("Goodbye");
                assertThat(new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("(connection closed by the server)\n");
            } finally {
                client.destroyForcibly();
            }
        }
    }
}
