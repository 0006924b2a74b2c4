package org.iolab.bench.scenarios;

import org.iolab.bench.load.LoadGenerator;
import org.iolab.bench.measure.Bench;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.ProcStats;
import org.iolab.bench.measure.ServerProcess;
import org.iolab.bench.peers.Target;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;

/**
 * Idle connections, no traffic: the server's CPU percentage while nothing happens (the polling
 * engine burns a core; the others sleep). Beside polling as iolab runs it (it parks 100 us
 * after 1024 empty passes) runs {@code polling+spin}, the source documents' loop as written,
 * which never parks.
 *
 * <p>Thread rule: immutable.
 */
public final class IdleCpuScenario extends Scenario {

    IdleCpuScenario(int number, String slug, String title, String shows, int idle) {
        super(number, slug, title, shows, new BenchResult.Shape(0, idle, 0));
    }

    /** The spinning variant of polling. */
    public static final String SPIN = "polling+spin";

    @Override
    public List<Target> targets(List<String> engines, List<String> peers) {
        List<Target> all = new java.util.ArrayList<>();
        for (Target t : super.targets(engines, peers)) {
            all.add(t);
            if (t.name().equals("polling")) {
                all.add(t.with("--spin").named(SPIN));
            }
        }
        return all;
    }

    @Override
    public BenchResult run(Target target, RunContext context) throws IOException, InterruptedException {
        return context.withServer(target, server -> measure(target, server, context));
    }

    private BenchResult measure(Target target, ServerProcess server, RunContext context)
            throws IOException, InterruptedException {
        // as many as the server accepts: the row's idle column says how many
        List<SocketChannel> open = LoadGenerator.openIdle(new InetSocketAddress("127.0.0.1", server.port()), shape().idle());
        try {
            Bench.settle(server); // the window starts once the server is done accepting
            ProcStats.Sample a = server.sample();
            long t0 = System.nanoTime();
            Thread.sleep(context.quiet.toMillis());
            ProcStats.Sample b = server.sample();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMillis = (b.cpuNanos() - a.cpuNanos()) / 1e6;
            return new BenchResult(id(), target.name(), server.engine(), new BenchResult.Shape(0, open.size(), 0),
                    null, null, new BenchResult.ServerCost(cpuMillis, null, cpuMillis / 10 / seconds, b.threads(),
                    b.rssBytes() / 1048576.0), BenchResult.Checks.NONE, "");
        } finally {
            for (SocketChannel c : open) {
                c.close();
            }
        }
    }

    @Override
    public String summary(BenchResult r) {
        return r.server() == null ? r.note() : String.format(Locale.ROOT, "idle cpu %.1f%%", r.server().cpuPercent());
    }

    @Override
    public Figure figure() {
        return new Figure("idle cpu %", r -> r.server() == null ? null : r.server().cpuPercent(), true);
    }

    @Override
    public CategoryChart chart(List<BenchResult> rows) {
        return Charts.bars(title(), "server CPU %", rows,
                Map.of("server CPU %", r -> r.server() == null ? -1 : r.server().cpuPercent()));
    }
}
