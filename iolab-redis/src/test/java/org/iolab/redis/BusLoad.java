package org.iolab.redis;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.iolab.apps.Bus;

/**
 * A measurement, not a test: lines through a bus between two "servers" in one process (two
 * buses on one Redis; one publishes, the other's room receives), with no chat server or socket
 * of ours in the way. It prints the lines per second at full speed (at most {@value #WINDOW}
 * lines in flight) and the latency the bus adds (publish to delivery, same clock) at a fixed
 * rate. Used for docs/bus.md; it uses only {@link Bus}'s oldest methods, so the same class runs
 * against an earlier build's bus too.
 *
 * <pre>
 * java -cp "iolab-redis/target/test-classes:$(cat cp.txt)" org.iolab.redis.BusLoad redis://127.0.0.1:6379 [LINES] [RATE] [SECONDS]
 * </pre>
 */
public final class BusLoad {

    private static final int WINDOW = 5000;

    private BusLoad() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        try (Bus out = Bus.open(uri); Bus in = Bus.open(uri)) {
            Receiver r = new Receiver();
            in.join(r);
            out.join(new Receiver()); // the publishing server's room hears its own lines too, as in the chat
            Thread.sleep(500);
            // full speed
            r.reset(lines, 0);
            long start = System.nanoTime();
            for (int i = 0; i < lines; i++) {
                while (i - r.received.get() >= WINDOW) {
                    Thread.onSpinWait();
                }
                out.publish(line(System.nanoTime()), r::refused);
            }
            if (!r.done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + r.received.get() + " of " + lines + " lines arrived");
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "throughput %s: %,.0f lines/s (%d lines, %d refused)%n", uri,
                    lines / secs, lines, r.refused.get());
            // fixed rate
            int n = rate * seconds;
            r.reset(n, n);
            long period = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < n; i++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                out.publish(line(System.nanoTime()), r::refused);
                next += period;
            }
            if (!r.done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + r.received.get() + " of " + n + " lines arrived");
            }
            long[] l = Arrays.copyOf(r.latencies, n);
            Arrays.sort(l);
            System.out.printf(Locale.ROOT, "latency %s at %d lines/s: p50 %.0f us, p99 %.0f us, max %.0f us%n", uri, rate,
                    l[n / 2] / 1e3, l[(int) (n * 0.99)] / 1e3, l[n - 1] / 1e3);
        }
        System.exit(0);
    }

    /** A chat-sized line: 8 bytes of send time, padding, a newline (60 bytes). */
    private static byte[] line(long sentAt) {
        byte[] b = new byte[60];
        ByteBuffer.wrap(b).putLong(sentAt);
        Arrays.fill(b, 8, 59, (byte) 'x');
        b[59] = '\n';
        return b;
    }

    private static final class Receiver implements Bus.Room {
        final AtomicLong received = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        volatile CountDownLatch done = new CountDownLatch(1);
        volatile long[] latencies = new long[0];
        volatile int expected;

        void reset(int lines, int keep) {
            latencies = new long[keep];
            expected = lines;
            received.set(0);
            done = new CountDownLatch(1);
        }

        void refused() {
            refused.incrementAndGet();
        }

        @Override
        public void deliver(byte[] line) {
            long latency = System.nanoTime() - ByteBuffer.wrap(line).getLong();
            long i = received.getAndIncrement();
            long[] l = latencies;
            if (i < l.length) {
                l[(int) i] = latency;
            }
            if (i + 1 == expected) {
                done.countDown();
            }
        }

        @Override
        public void down(String why) {
            System.err.println("down: " + why);
        }

        @Override
        public void up() {
            System.err.println("up");
        }
    }
}
