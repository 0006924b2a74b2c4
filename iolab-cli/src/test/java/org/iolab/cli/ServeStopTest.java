package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A served process stopped by signals: the first says what the graceful stop waits for, a
 * second forces it at once, with a client that never reads holding the graceful stop up.
 */
class ServeStopTest {

    @Test
    void aFirstSignalStopsGracefullyAndSaysSoASecondForcesTheStop() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Served.sigintIgnored(),
                "SIGINT is ignored by this test run (started in the background by a shell without job control), "
                        + "so a server it starts cannot receive one");
        try (Served served = Served.start("--engine", "epoll", "--app", "upper")) {
            Process server = served.process();
            List<String> err = served.err();
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
                served.signal("INT");
                await().atMost(Duration.ofSeconds(10)).until(() -> err.stream().anyMatch(
                        l -> l.equals("iolab: stopping: flushing 1 connection, up to 15 s; Ctrl-C again to force")));
                assertThat(server.isAlive()).as("still flushing to a client that does not read").isTrue();
                served.signal("INT");
                assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("forced").isTrue();
            }
            assertThat(server.exitValue()).isEqualTo(130);
            await().atMost(Duration.ofSeconds(5)).until(() -> err.stream()
                    .anyMatch(l -> l.matches("iolab: forced stop: [01] connections? dropped")));
        }
    }

    @Test
    void aSignalWithNothingPendingStopsAtOnceAndSaysStopped() throws Exception {
        try (Served served = Served.start("--engine", "epoll", "--app", "upper")) {
            Process server = served.process();
            List<String> err = served.err();
            served.signal("TERM");
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isEqualTo(143);
            await().atMost(Duration.ofSeconds(5)).until(() -> err.contains("iolab: stopped"));
            assertThat(err).contains("iolab: stopping: flushing 0 connections, up to 15 s; SIGTERM again to force");
        }
    }
}
