package org.iolab.bench.scenarios;

import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.ServerProcess;
import org.iolab.bench.peers.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;

/**
 * A second client on a one-at-a-time server: client A is served once, then holds its
 * connection silent; client B connects and sends one message. B's wait for its reply is the
 * result (its latency). Runs on {@code blocking}, a {@code pool} of one, and {@code threads} to
 * compare, each on a fresh server.
 *
 * <p>Thread rule: immutable.
 */
final class OneAtATimeScenario extends Scenario {

    /** The engines it runs on: the two that serve one at a time, and threads to compare. */
    static final List<String> ENGINES = List.of("blocking", "pool", "threads");
    private static final byte[] MESSAGE = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl".getBytes();

    OneAtATimeScenario(int number, String slug, String title, String shows) {
        super(number, slug, title, shows, new BenchResult.Shape(2, 0, MESSAGE.length));
    }

    @Override
    public List<Target> targets(List<String> engines, List<String> peers) {
        return ENGINES.stream().filter(engines::contains)
                .map(e -> e.equals("pool") ? Target.of(e).with("--pool-size", "1") : Target.of(e)).toList();
    }

    @Override
    public BenchResult run(Target target, RunContext context) throws IOException, InterruptedException {
        long holdMillis = context.hold.toMillis();
        try (ServerProcess server = context.freshServer(target); Socket a = connect(server)) {
            exchange(a, MESSAGE);
            Thread closer = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    Thread.sleep(holdMillis);
                    a.close();
                } catch (IOException | InterruptedException ignored) {
                    // ends the hold either way
                }
            });
            long waitMicros;
            try (Socket b = connect(server)) {
                long t0 = System.nanoTime();
                boolean ok = exchange(b, MESSAGE);
                waitMicros = (System.nanoTime() - t0) / 1000;
                if (!ok) {
                    return notRun(target, "second client got a wrong reply");
                }
            }
            closer.join(holdMillis + 5000);
            String note = String.format(Locale.ROOT, "second client waited %.0f ms while the first held for %d ms",
                    waitMicros / 1000.0, holdMillis);
            return new BenchResult(id(), target.name(), server.engine(), shape(),
                    new BenchResult.Throughput(0, 1, 0, 0, -1), BenchResult.Latency.single(waitMicros), null,
                    BenchResult.Checks.NONE, note);
        }
    }

    @Override
    public String summary(BenchResult r) {
        return r.note();
    }

    @Override
    public Figure figure() {
        return new Figure("wait ms", r -> r.latency() == null ? null : r.latency().p50Micros() / 1000, true);
    }

    @Override
    public CategoryChart chart(List<BenchResult> rows) {
        return Charts.bars(title(), "second client's wait (ms)", rows,
                Map.of("wait", r -> r.latency() == null ? -1 : r.latency().p50Micros() / 1000));
    }

    private static Socket connect(ServerProcess server) throws IOException {
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
