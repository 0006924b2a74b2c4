package org.iolab.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The lab's paced load, for what a server does to the connections it is not busy with: N
 * connections each send an S-byte message every period (staggered, so the server sees a steady
 * rate) and wait for its upper-cased echo; each latency is measured from when the message was
 * due, not from when it could be sent, so a stalled server is charged for the messages it kept
 * waiting (no coordinated omission, as wrk2 measures). Beside them, a few "heavy" connections
 * each send one command line ({@code !burn 50}) every so often and wait for its answer: the
 * heavy app's handlers that compute or block (see {@code org.iolab.apps.HeavyEcho}).
 *
 * <p>Thread rule: {@link #run} blocks its caller; each connection is a virtual thread of its own.
 */
public final class PacedLoad {

    /**
     * What to run.
     *
     * @param conns the paced connections
     * @param size the bytes of each of their messages
     * @param period how often each sends one
     * @param heavy the command line of each heavy connection ({@code !sleep 50}); none for a baseline
     * @param heavyEvery how often each heavy connection sends its command
     * @param warmup before the window: the connections settle, nothing is recorded
     * @param window the measured span (heavy connections send only within it)
     */
    public record Spec(InetSocketAddress server, int conns, int size, Duration period, List<String> heavy,
                       Duration heavyEvery, Duration warmup, Duration window) {
        public Spec {
            heavy = List.copyOf(heavy);
        }
    }

    /**
     * What it measured in the window.
     *
     * @param latency the paced messages' latencies, in microseconds from when each was due
     * @param messages paced messages answered in the window
     * @param wrong answers that were not the message upper-cased, and connections that failed
     * @param heavyAnswered heavy commands answered, rightly, in the window
     */
    public record Outcome(Histogram latency, long messages, long wrong, long heavyAnswered, double seconds) {
    }

    private PacedLoad() {
    }

    public static Outcome run(Spec spec) throws InterruptedException {
        long start = System.nanoTime();
        long windowStart = start + spec.warmup().toNanos();
        long end = windowStart + spec.window().toNanos();
        AtomicLong wrong = new AtomicLong();
        AtomicLong heavyAnswered = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < spec.conns(); i++) {
            Histogram h = new Histogram(3_600_000_000L, 3);
            histograms.add(h);
            long first = start + spec.period().toNanos() * i / spec.conns();
            threads.add(Thread.ofVirtual().start(() -> paced(spec, first, windowStart, end, h, wrong)));
        }
        for (int i = 0; i < spec.heavy().size(); i++) {
            String command = spec.heavy().get(i);
            long first = windowStart + spec.heavyEvery().toNanos() * i / spec.heavy().size();
            threads.add(Thread.ofVirtual().start(() -> heavy(spec, command, first, end, heavyAnswered, wrong)));
        }
        long deadline = end + Duration.ofSeconds(15).toNanos(); // bounded: a stalled server's replies are not waited for long
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                t.interrupt();
            }
        }
        Histogram all = new Histogram(3_600_000_000L, 3);
        histograms.forEach(all::add);
        return new Outcome(all, all.getTotalCount(), wrong.get(), heavyAnswered.get(), spec.window().toNanos() / 1e9);
    }

    private static void paced(Spec spec, long first, long windowStart, long end, Histogram latency, AtomicLong wrong) {
        byte[] message = new byte[spec.size()];
        byte[] expected = new byte[spec.size()];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) ('a' + i % 26);
            expected[i] = (byte) ('A' + i % 26);
        }
        try (Socket s = connect(spec.server())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            long period = spec.period().toNanos();
            for (long due = first; due < end && waitUntil(due); due += period) {
                out.write(message);
                byte[] reply = in.readNBytes(message.length);
                long now = System.nanoTime();
                if (!Arrays.equals(reply, expected)) {
                    wrong.incrementAndGet();
                    return;
                }
                if (due >= windowStart && now <= end + period) {
                    latency.recordValue(Math.max(1, (now - due) / 1000));
                }
            }
        } catch (IOException e) {
            wrong.incrementAndGet();
        }
    }

    private static void heavy(Spec spec, String command, long first, long end, AtomicLong answered, AtomicLong wrong) {
        byte[] line = (command + "\n").getBytes(StandardCharsets.US_ASCII);
        String expected = command.toUpperCase(java.util.Locale.ROOT);
        try (Socket s = connect(spec.server())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (long due = first; due < end && waitUntil(due); due += spec.heavyEvery().toNanos()) {
                out.write(line);
                if (expected.equals(readLine(in))) {
                    answered.incrementAndGet();
                } else {
                    wrong.incrementAndGet();
                    return;
                }
            }
        } catch (IOException e) {
            wrong.incrementAndGet();
        }
    }

    private static Socket connect(InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.connect(server, 10_000);
        s.setSoTimeout(30_000);
        s.setTcpNoDelay(true);
        return s;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            sb.append((char) b);
        }
        return sb.toString();
    }

    /** Waits until {@code due}; {@code false} when interrupted (the run is over). */
    private static boolean waitUntil(long due) {
        long left;
        while ((left = due - System.nanoTime()) > 0) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(left);
        }
        return true;
    }
}
