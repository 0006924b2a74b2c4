package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iolab.server.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Out of descriptors, every engine keeps serving: a server in its own process (ulimit -n 256)
 * uses up its descriptors, then clients connect. They must see a clean end (not hang in the
 * backlog), the server must not spin, and once descriptors are free again it serves new
 * clients: the event loop, acceptor or worker did not die of the failure or of logging it.
 */
class DescriptorExhaustionTest {

    /** A server process and its stdin/stdout dialogue. */
    static final class Child implements AutoCloseable {
        final Process process;
        final PrintWriter in;
        final BufferedReader out;
        final int port;

        Child(String engine) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cmd = "ulimit -n 256 && exec '" + java + "' --enable-native-access=ALL-UNNAMED -cp '"
                    + System.getProperty("java.class.path") + "' " + HogServer.class.getName() + " " + engine;
            process = new ProcessBuilder("bash", "-c", cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Matcher m = Pattern.compile("listening (\\d+)").matcher(String.valueOf(out.readLine()));
            assertThat(m.find()).as("the server started").isTrue();
            port = Integer.parseInt(m.group(1));
        }

        String ask(String command) throws IOException {
            in.println(command);
            return out.readLine();
        }

        double cpuSeconds() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        }

        @Override
        public void close() throws Exception {
            in.println("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** A round trip, or false when the server ends the connection (end of stream or reset). */
    static boolean served(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = s.getInputStream().readNBytes(5);
            return new String(reply, StandardCharsets.US_ASCII).equals("PING\n");
        } catch (SocketException reset) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void outOfDescriptorsClientsGetACleanEndAndServiceResumesAfter(String engine) throws Exception {
        // blocking holds one connection at a time, so it never runs out; the others must turn clients away
        boolean concurrent = Engines.find(engine.split("\\+")[0]).orElseThrow().concurrent();
        try (Child server = new Child(engine.split("\\+")[0])) {
            assertThat(served(server.port)).as("served before").isTrue();
            // its descriptor must be closed before the hog, or the server has one to serve with
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> server.ask("stats").contains("open=0 "));
            assertThat(server.ask("hog")).startsWith("hogged");
            List<Socket> turnedAway = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    Socket s = new Socket("127.0.0.1", server.port);
                    s.setSoTimeout(5000); // a hang shows as a timeout here, and fails the test
                    turnedAway.add(s);
                }
                double before = server.cpuSeconds();
                int ended = 0;
                for (Socket s : turnedAway) {
                    s.getOutputStream().write("x\n".getBytes(StandardCharsets.US_ASCII));
                }
                for (Socket s : turnedAway) {
                    int first;
                    try {
                        first = s.getInputStream().read(); // a hang ends this test with a timeout
                    } catch (SocketException reset) {
                        first = -1; // a reset is an end too
                    }
                    // a blocked accept(2) reserves its descriptor before it sleeps, so the thread
                    // engines serve a client with it now and then; no client may be left hanging
                    assertThat(first).as("an end, or a reply").isIn(-1, (int) 'X');
                    if (first == 'X') {
                        s.close(); // done with it: an iterative server moves on to the next
                    }
                    ended += first == -1 ? 1 : 0;
                }
                if (concurrent) {
                    assertThat(ended).as("clients turned away on the reserve descriptor").isPositive();
                }
                // the turn-aways take little; a server spinning on accept would burn a whole core: its CPU
                // since the turn-aways must stay under a second for a whole second
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> server.cpuSeconds() - before < 1.0);
            } finally {
                for (Socket s : turnedAway) {
                    s.close();
                }
            }
            assertThat(server.ask("release")).isEqualTo("released");
            // serves again once descriptors are free: within about a second; bounded at 4 s
            await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100)).until(() -> served(server.port));
            if (concurrent) {
                assertThat(server.ask("stats")).containsPattern("acceptErrors=[1-9]");
            }
        }
    }
}
