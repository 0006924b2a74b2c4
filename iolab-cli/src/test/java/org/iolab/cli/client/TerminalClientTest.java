package org.iolab.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client in a real pseudo-terminal (tmux, from Debian; {@code .ci/run} installs it): a chat
 * line arriving while a line is half typed lands above it, and the half-typed line is drawn
 * again intact after it, then sent whole.
 */
class TerminalClientTest {

    private static String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /** The pane's lines, its scrollback included (the pane outlives the client: remain-on-exit). */
    private static List<String> screen(String session) throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-S", "-", "-t", session).lines().map(String::stripTrailing)
                .filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void aChatLineArrivingMidLineLandsAboveItAndTheHalfTypedLineStaysIntact() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String session = "iolab-client-test-" + ProcessHandle.current().pid();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String command = String.join(" ", java, "--illegal-native-access=deny", // as ./iolab runs it
                    "-cp", System.getProperty("java.class.path"),
                    "org.iolab.cli.Main", "client", "--port", Integer.toString(listener.getLocalPort()));
            tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "12", command);
            // the pane stays when the client exits, so its last words can still be read (without it,
            // a client that exited before the next look took the session and tmux's server with it)
            tmux("set-option", "-w", "-t", session, "remain-on-exit", "on");
            try (Socket member = listener.accept()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> screen(session).stream()
                        .anyMatch(l -> l.startsWith("connected to 127.0.0.1:") && l.contains(" as 127.0.0.1:")));
                tmux("send-keys", "-t", session, "-l", "half typed");
                await().atMost(Duration.ofSeconds(10)).until(() -> screen(session).getLast().equals("> half typed"));

                member.getOutputStream().write("127.0.0.1:33562 interrupting line\n".getBytes(StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    List<String> lines = screen(session);
                    assertThat(lines).contains("127.0.0.1:33562 interrupting line");
                    assertThat(lines.getLast()).isEqualTo("> half typed");
                    assertThat(lines).noneMatch(l -> l.contains("typed127.0.0.1"));
                    assertThat(lines).as("no JDK warning on the screen").noneMatch(l -> l.startsWith("WARNING"));
                });

                tmux("send-keys", "-t", session, "Enter");
                BufferedReader fromClient = new BufferedReader(new InputStreamReader(member.getInputStream(),
                        StandardCharsets.UTF_8));
                member.setSoTimeout(10_000);
                assertThat(fromClient.readLine()).isEqualTo("half typed");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> screen(session).stream()
                    .anyMatch(l -> l.equals("(connection closed by the server)")));
        } finally {
            try {
                tmux("kill-session", "-t", session);
            } catch (IOException alreadyGone) {
                // the session could not start
            }
        }
    }
}
