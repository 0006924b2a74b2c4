package org.iolab.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * perf stat attached to a running server ({@code perf stat -D -1 --control fifo:CTL,ACK -p PID}),
 * its counters switched on and off at the edges of a window through perf's control FIFO, and
 * its counts read when it ends. What perf can count here, and how its output reads:
 * {@link PerfStat}.
 *
 * <p>Thread rule: {@link #attach} from any thread; a {@link Counting} belongs to the run that
 * attached it.
 */
final class PerfCounting {

    private PerfCounting() {
    }

    /**
     * Attaches perf to the processes {@code pids} (a server and its workers) with its events disabled, so that attaching (which takes a
     * good part of a second) happens before the window, and returns once perf has opened its
     * events on every thread of the process: a thread started after that inherits them all, but
     * one started while perf is still opening them would be counted by some events and not
     * others (a thread per connection, or Netty's lazily started loops, were: 0.2-0.9 reads per
     * message where every message takes one); {@link Counting#enable} and
     * {@link Counting#disable} then bound the count to the window itself, to the millisecond,
     * through perf's control FIFO. {@code null} when perf does not count here.
     */
    static Counting attach(List<Long> pids) throws IOException {
        PerfStat.Probe p = PerfStat.probe();
        if (!p.available()) {
            return null;
        }
        IOException failed = null;
        for (int attempt = 0; attempt < ATTACH_ATTEMPTS; attempt++) {
            try {
                return attachOnce(p, pids);
            } catch (IOException e) {
                failed = e; // a thread of the server ended while perf was attaching: try again
            }
        }
        throw failed;
    }

    /**
     * How often attaching is tried: perf gives up when a thread of the process ends while it sets
     * a filter on that thread's events ({@code failed to set filter ... (No such process)}), and
     * the JVM starts and ends compiler and GC threads as it pleases.
     */
    static final int ATTACH_ATTEMPTS = 3;

    private static Counting attachOnce(PerfStat.Probe p, List<Long> pids) throws IOException {
        Path dir = Files.createTempDirectory("iolab-perf");
        Path ctl = dir.resolve("ctl");
        Path ack = dir.resolve("ack");
        Path out = dir.resolve("counts.csv");
        for (Path fifo : List.of(ctl, ack)) {
            PerfStat.Run r = PerfStat.run(List.of("mkfifo", fifo.toString()));
            if (r == null || r.exit() != 0) {
                throw new IOException("mkfifo failed: " + (r == null ? "no mkfifo" : r.output()));
            }
        }
        Process perf = new ProcessBuilder(PerfStat.withArgs(List.of("perf", "stat", "-x,", "-o", out.toString(), "-D", "-1",
                "--control", "fifo:" + ctl + "," + ack), p.events(), List.of("-p",
                pids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")))))
                .redirectErrorStream(true).redirectOutput(dir.resolve("perf.log").toFile()).start();
        // read-write opens of a FIFO never block, whether perf has opened its ends yet or not
        Counting counting = new Counting(perf, p.labels(), dir, out, new java.io.RandomAccessFile(ctl.toFile(), "rw"),
                new java.io.RandomAccessFile(ack.toFile(), "rw"));
        try {
            counting.disable(); // acknowledged once perf has opened every event on every thread
        } catch (IOException e) {
            counting.close();
            throw e;
        }
        return counting;
    }

    /** A perf stat attached to a server, its counting switched on and off over the window. */
    static final class Counting implements AutoCloseable {
        private final Process perf;
        private final List<String> labels;
        private final Path dir;
        private final Path out;
        private final java.io.RandomAccessFile ctl;
        private final java.io.RandomAccessFile ack;

        private Counting(Process perf, List<String> labels, Path dir, Path out, java.io.RandomAccessFile ctl, java.io.RandomAccessFile ack) {
            this.perf = perf;
            this.labels = labels;
            this.dir = dir;
            this.out = out;
            this.ctl = ctl;
            this.ack = ack;
            // a platform thread: a blocking read of a FIFO holds its carrier, and two such
            // virtual readers held both carriers of a 2-core machine, so no ack was ever read
            Thread.ofPlatform().daemon(true).name("iolab-perf-ack").start(this::readAcks);
        }

        /** Perf's acknowledgements, one permit each: {@code ack} lines on the ack FIFO; {@code bye} ends. */
        private final java.util.concurrent.Semaphore acks = new java.util.concurrent.Semaphore(0);

        private void readAcks() {
            StringBuilder line = new StringBuilder();
            try {
                int b;
                while ((b = ack.read()) >= 0) {
                    if (b == 0) { // perf writes "ack\n" with its terminating NUL
                        continue;
                    }
                    if (b != '\n') {
                        line.append((char) b);
                        continue;
                    }
                    if (line.toString().equals("bye")) {
                        return;
                    }
                    if (line.toString().equals("ack")) {
                        acks.release();
                    }
                    line.setLength(0);
                }
            } catch (IOException closed) {
                // the run is over
            }
        }

        /** Starts counting; returns once perf says it has (or fails within 10 s). */
        void enable() throws IOException {
            command("enable");
        }

        /** Stops counting; returns once perf says it has. */
        void disable() throws IOException {
            command("disable");
        }

        private void command(String cmd) throws IOException {
            ctl.write((cmd + "\n").getBytes(StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                while (!acks.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    if (!perf.isAlive() || System.nanoTime() > deadline) { // no ack will come
                        throw new IOException("perf stat did not acknowledge " + cmd + (perf.isAlive() ? ""
                                : " (it exited with " + perf.exitValue() + ": " + log() + ")"));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        /** The first line perf wrote of its own (an error), or empty. */
        private String log() {
            try {
                return PerfStat.firstLine(Files.readString(dir.resolve("perf.log"), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return "";
            }
        }

        /** Ends perf (SIGINT: it writes its counts and exits) and returns what it counted. */
        PerfStat.Counts finish() throws IOException, InterruptedException {
            PerfStat.run(List.of("kill", "-INT", Long.toString(perf.pid())));
            if (!perf.waitFor(10, TimeUnit.SECONDS)) {
                throw new IOException("perf stat did not stop");
            }
            return PerfStat.parse(Files.readString(out, StandardCharsets.UTF_8), labels);
        }

        @Override
        public void close() throws IOException {
            perf.destroyForcibly();
            ack.write("bye\n".getBytes(StandardCharsets.US_ASCII)); // ends the reader
            ctl.close();
            ack.close();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

}
