package org.iolab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The two scenarios that are not a closed-loop load: idle CPU (K idle connections, no traffic,
 * the server's CPU percentage) and one-at-a-time (how long a second client waits while a first
 * one holds the server).
 *
 * <p>Thread rule: one run at a time.
 */
public final class SpecialRuns {

    private SpecialRuns() {
    }

    /** Server CPU with {@code idle} connections open and silent for {@code quiet}. */
    public static BenchResult idleCpu(Scenario sc, Target target, int idle, Duration quiet, boolean pin, int loops)
            throws IOException, InterruptedException {
        try (ServerUnderTest server = ServerUnderTest.start(target, loops, pin)) {
            return idleCpu(sc, target, server, idle, quiet);
        }
    }

    /** As above, on a server already running. */
    static BenchResult idleCpu(Scenario sc, Target target, ServerUnderTest server, int idle, Duration quiet)
            throws IOException, InterruptedException {
        {
            List<SocketChannel> open = new ArrayList<>();
            try {
                for (int i = 0; i < idle; i++) {
                    try {
                        open.add(LoadGenerator.connect(new InetSocketAddress("127.0.0.1", server.port())));
                    } catch (IOException e) {
                        break; // not accepting more: the row's idle column says how many
                    }
                }
                Bench.settle(server); // the window starts once the server is done accepting
                ProcStats.Sample a = server.sample();
                long t0 = System.nanoTime();
                Thread.sleep(quiet.toMillis());
                ProcStats.Sample b = server.sample();
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpuMillis = (b.cpuNanos() - a.cpuNanos()) / 1e6;
                return new BenchResult(sc.id(), target.name(), server.engine(), 0, open.size(), 0, seconds, 0, 0, 0,
                        -1, -1, -1, -1, cpuMillis, -1, cpuMillis / 10 / seconds, b.threads(), b.rssBytes() / 1048576.0,
                        -1, 0, 0, 0, "");
            } finally {
                for (SocketChannel c : open) {
                    c.close();
                }
            }
        }
    }

    /**
     * Client A connects, is served once, then holds the connection silent for {@code hold};
     * client B connects and sends one message: B's wait for its reply is the result (p50 =
     * max = that wait, in microseconds).
     */
    public static BenchResult oneAtATime(Scenario sc, Target target, Duration hold, boolean pin)
            throws IOException, InterruptedException {
        try (ServerUnderTest server = ServerUnderTest.start(target, 0, pin)) {
            byte[] msg = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl".getBytes();
            try (Socket a = connect(server)) {
                exchange(a, msg);
                Thread closer = Thread.ofPlatform().daemon(true).start(() -> {
                    try {
                        Thread.sleep(hold.toMillis());
                        a.close();
                    } catch (IOException | InterruptedException ignored) {
                        // ends the hold either way
                    }
                });
                long waitMicros;
                try (Socket b = connect(server)) {
                    long t0 = System.nanoTime();
                    boolean ok = exchange(b, msg);
                    waitMicros = (System.nanoTime() - t0) / 1000;
                    if (!ok) {
                        return BenchResult.notRun(sc.id(), target.name(), 2, 0, msg.length, "second client got a wrong reply");
                    }
                }
                closer.join(hold.toMillis() + 5000);
                String note = String.format(java.util.Locale.ROOT, "second client waited %.0f ms while the first held for %d ms",
                        waitMicros / 1000.0, hold.toMillis());
                return new BenchResult(sc.id(), target.name(), server.engine(), 2, 0, msg.length, 0, 1, 0, 0,
                        waitMicros, waitMicros, waitMicros, waitMicros, -1, -1, -1, -1, -1, -1, 0, 0, 0, note);
            }
        }
    }

    private static Socket connect(ServerUnderTest server) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(30_000);
        s.setTcpNoDelay(true);
        return s;
    }

    /** Sends {@code msg}, reads the reply, checks it is upper-cased. */
    private static boolean exchange(Socket s, byte[] msg) throws IOException {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        out.write(msg);
        out.flush();
        byte[] reply = in.readNBytes(msg.length);
        for (int i = 0; i < msg.length; i++) {
            if (reply.length != msg.length || reply[i] != (byte) (msg[i] - 32)) {
                return false;
            }
        }
        return true;
    }
}
