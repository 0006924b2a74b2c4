package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code iolab serve} in its own process, listening: its stdout and stderr lines as they come,
 * and its port. Closing it kills the process.
 */
record Served(Process process, List<String> out, List<String> err, int port) implements AutoCloseable {

    /** Starts {@code iolab serve ARGS --port 0} and waits (bounded) for its listening line. */
    static Served start(String... serveArgs) throws Exception {
        return startWithEnv(java.util.Map.of(), serveArgs);
    }

    /** {@link #start} with more environment variables. */
    static Served startWithEnv(java.util.Map<String, String> env, String... serveArgs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.iolab.cli.Main", "serve", "--port", "0"));
        cmd.addAll(List.of(serveArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> out = lines(p.getInputStream());
        List<String> err = lines(p.getErrorStream());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> out.stream().anyMatch(l -> l.startsWith("listening on")));
        } catch (RuntimeException e) {
            p.destroyForcibly();
            throw new AssertionError("no listening line; stderr: " + err, e);
        }
        String listening = out.stream().filter(l -> l.startsWith("listening on")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("listening on [^ ]*:(\\d+) ").matcher(listening);
        assertThat(m.find()).as(listening).isTrue();
        return new Served(p, out, err, Integer.parseInt(m.group(1)));
    }

    private static List<String> lines(InputStream in) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofPlatform().daemon(true).start(() -> new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                .lines().forEach(lines::add));
        return lines;
    }

    /**
     * Whether this process ignores SIGINT, and so every process it starts: a shell without job
     * control starts its background commands so ({@code .ci/run &}), and a JVM that starts with
     * SIGINT ignored leaves it ignored. Read from {@code /proc/self/status} ({@code SigIgn}, bit 1).
     */
    static boolean sigintIgnored() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    /** The PEM file a {@code --tls} server without {@code --cert} printed its self-signed certificate to (bounded wait). */
    String certificate() {
        await().atMost(Duration.ofSeconds(10)).until(() -> out.stream().anyMatch(l -> l.contains("valid 30 days: ")));
        String line = out.stream().filter(l -> l.contains("valid 30 days: ")).findFirst().orElseThrow();
        return line.substring(line.indexOf("valid 30 days: ") + "valid 30 days: ".length()).strip();
    }

    /** Sends the signal {@code name} (INT, TERM) to the server. */
    void signal(String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor()).isZero();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
