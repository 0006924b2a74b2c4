package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A served process stopped by signals: the first says what the graceful stop waits for, a
 * second forces it at once, with a client that never reads holding the graceful stop up.
 */
class ServeStopTest {

    /** A served process, listening: its stderr lines as they come, and its port. */
    private record Served(Process process, List<String> err, int port) {
    }

    private static Served serve() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.iolab.cli.Main", "serve",
                "--engine", "epoll", "--app", "upper", "--port", "0").start();
        List<String> out = lines(p.getInputStream());
        List<String> err = lines(p.getErrorStream());
        await().atMost(Duration.ofSeconds(30)).until(() -> out.stream().anyMatch(l -> l.startsWith("listening on")));
        Matcher m = Pattern.compile("listening on [^ ]*:(\\d+) ").matcher(out.getFirst());
        assertThat(m.find()).isTrue();
        return new Served(p, err, Integer.parseInt(m.group(1)));
    }

    private static List<String> lines(java.io.InputStream in) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofPlatform().daemon(true).start(() -> new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                .lines().forEach(lines::add));
        return lines;
    }

    private static void signal(Process p, String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor()).isZero();
    }

    @Test
    void aFirstSignalStopsGracefullyAndSaysSoASecondForcesTheStop() throws Exception {
        Served served = serve();
        Process server = served.process();
        List<String> err = served.err();
        try {
            try (Socket neverReads = new Socket("127.0.0.1", served.port())) {
                // it sends and never reads: the replies fill every buffer, then the server stops
                // reading it (back-pressure) and holds output it cannot send
                AtomicLong sent = new AtomicLong();
                Thread.ofPlatform().daemon(true).start(() -> {
                    byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                    try {
                        OutputStream o = neverReads.getOutputStream();
                        while (true) {
                            o.write(chunk);
                            sent.addAndGet(chunk.length);
                        }
                    } catch (java.io.IOException closed) {
                        // the forced stop
                    }
                });
                long[] last = {-1};
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    long now = sent.get();
                    boolean stalled = now > 0 && now == last[0];
                    last[0] = now;
                    return stalled;
                });
                signal(server, "INT");
                await().atMost(Duration.ofSeconds(10)).until(() -> err.stream().anyMatch(
                        l -> l.equals("iolab: stopping: flushing 1 connection, up to 15 s; Ctrl-C again to force")));
                assertThat(server.isAlive()).as("still flushing to a client that does not read").isTrue();
                signal(server, "INT");
                assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("forced").isTrue();
            }
            assertThat(server.exitValue()).isEqualTo(130);
            await().atMost(Duration.ofSeconds(5)).until(() -> err.stream()
                    .anyMatch(l -> l.matches("iolab: forced stop: [01] connections? dropped")));
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSignalWithNothingPendingStopsAtOnceAndSaysStopped() throws Exception {
        Served served = serve();
        Process server = served.process();
        List<String> err = served.err();
        try {
            signal(server, "TERM");
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isEqualTo(143);
            await().atMost(Duration.ofSeconds(5)).until(() -> err.contains("iolab: stopped"));
            assertThat(err).contains("iolab: stopping: flushing 0 connections, up to 15 s; SIGTERM again to force");
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
