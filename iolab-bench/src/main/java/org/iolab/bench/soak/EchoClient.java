package org.iolab.bench.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * One echo client of the soak, for as long as it runs: connects, sends messages of random
 * sizes (mostly small, some up to 64 KiB) and checks each upper-cased reply byte by byte, then
 * after a random number of messages hangs up and connects again. The {@link #slow} variant
 * sends 1 MiB at a time from a second thread and reads the reply in small pieces with pauses:
 * a reader slower than the server, which must still get every byte.
 *
 * <p>Thread rule: {@link #run} on one thread of its own.
 */
final class EchoClient implements Runnable {

    static final int SO_TIMEOUT_MS = 30_000;

    private final InetSocketAddress server;
    private final SoakCounters counters;
    private final BooleanSupplier running;
    private final SplittableRandom random;
    private final boolean slow;

    private EchoClient(InetSocketAddress server, SoakCounters counters, BooleanSupplier running, long seed, boolean slow) {
        this.server = server;
        this.counters = counters;
        this.running = running;
        this.random = new SplittableRandom(seed);
        this.slow = slow;
    }

    static EchoClient normal(InetSocketAddress server, SoakCounters counters, BooleanSupplier running, long seed) {
        return new EchoClient(server, counters, running, seed, false);
    }

    static EchoClient slow(InetSocketAddress server, SoakCounters counters, BooleanSupplier running, long seed) {
        return new EchoClient(server, counters, running, seed, true);
    }

    @Override
    public void run() {
        byte[] out = new byte[slow ? 1 << 20 : 64 * 1024];
        byte[] in = new byte[out.length];
        while (running.getAsBoolean()) {
            try (Socket s = new Socket()) {
                if (slow) {
                    s.setReceiveBufferSize(16 * 1024);
                }
                s.connect(server, SO_TIMEOUT_MS);
                s.setSoTimeout(SO_TIMEOUT_MS);
                s.setTcpNoDelay(true);
                counters.echoConnections.increment();
                int messages = slow ? 1 + random.nextInt(3) : 1 + random.nextInt(200);
                for (int i = 0; i < messages && running.getAsBoolean(); i++) {
                    int n = slow ? out.length : size();
                    random.nextBytes(out);
                    if (slow) {
                        sendFromAnotherThread(s.getOutputStream(), out, n);
                        readSlowly(s.getInputStream(), in, n);
                    } else {
                        s.getOutputStream().write(out, 0, n);
                        readFully(s.getInputStream(), in, n);
                    }
                    check(out, in, n);
                }
            } catch (IOException | InterruptedException e) {
                if (running.getAsBoolean()) {
                    counters.problem("echo" + (slow ? " (slow reader)" : "") + ": " + e);
                }
            }
        }
    }

    /** Mostly small, some medium, a few up to 64 KiB (which the server's buffers always hold). */
    private int size() {
        int r = random.nextInt(100);
        if (r < 50) {
            return 1 + random.nextInt(128);
        }
        return r < 85 ? 129 + random.nextInt(4096 - 128) : 4097 + random.nextInt(64 * 1024 - 4096);
    }

    private void check(byte[] sent, byte[] got, int n) {
        for (int i = 0; i < n; i++) {
            byte b = sent[i];
            byte want = b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
            if (got[i] != want) {
                counters.problem("echo: byte " + i + " of a " + n + "-byte reply was " + got[i] + ", not " + want);
                return;
            }
        }
        counters.echoMessages.increment();
        counters.echoBytes.add(n);
    }

    private static void readFully(InputStream in, byte[] into, int n) throws IOException {
        int at = 0;
        while (at < n) {
            int r = in.read(into, at, n - at);
            if (r < 0) {
                throw new IOException("end of stream after " + at + " of " + n + " bytes");
            }
            at += r;
        }
    }

    private static void readSlowly(InputStream in, byte[] into, int n) throws IOException, InterruptedException {
        int at = 0;
        while (at < n) {
            int r = in.read(into, at, Math.min(4096, n - at));
            if (r < 0) {
                throw new IOException("end of stream after " + at + " of " + n + " bytes");
            }
            at += r;
            Thread.sleep(1); // about 4 MB/s at most: slower than the server
        }
    }

    private static void sendFromAnotherThread(OutputStream out, byte[] data, int n) {
        byte[] copy = Arrays.copyOf(data, n);
        Thread.ofVirtual().name("soak-echo-writer").start(() -> {
            try {
                out.write(copy);
            } catch (IOException ignored) {
                // the reader sees the failure
            }
        });
    }
}
