package org.iolab.bench.scenarios;

import org.iolab.bench.load.LoadGenerator;
import org.iolab.bench.measure.Bench;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.LiveHeap;
import org.iolab.bench.measure.ProcStats;
import org.iolab.bench.measure.ServerProcess;
import org.iolab.bench.peers.Target;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;

/**
 * What an idle connection costs a server in memory: its live heap (after a full collection,
 * {@code jcmd GC.class_histogram}) and resident memory before and after N idle connections,
 * divided by N. Where each model's cost sits: a registered descriptor and a small object on a
 * reactor, a parked thread's stack (and, before, a 16 KiB read buffer) on the thread engines,
 * a pending read's buffer on a Proactor. Iterative and pooled engines are left out: they do not
 * hold more than their workers' connections at once.
 *
 * <p>Thread rule: immutable.
 */
final class MemoryScenario extends Scenario {

    private final int quickIdle;

    MemoryScenario(int number, String slug, String title, String shows, int idle, int quickIdle) {
        super(number, slug, title, shows, new BenchResult.Shape(0, idle, 0));
        this.quickIdle = quickIdle;
    }

    @Override
    public Scenario quick() {
        return quickIdle == shape().idle() ? this : new MemoryScenario(number(), id().substring(id().indexOf('-') + 1),
                title().substring(title().indexOf(". ") + 2).replace(Integer.toString(shape().idle()),
                        Integer.toString(quickIdle)) + " (quick)", shows(), quickIdle, quickIdle);
    }

    @Override
    public List<Target> targets(List<String> engines, List<String> peers) {
        return super.targets(engines, peers).stream()
                .filter(t -> !Scenarios.FEW_AT_A_TIME.contains(t.name())).toList();
    }

    @Override
    public BenchResult run(Target target, RunContext context) throws IOException, InterruptedException {
        return context.withServer(target, server -> measure(target, server));
    }

    private BenchResult measure(Target target, ServerProcess server) throws IOException, InterruptedException {
        if (!LiveHeap.supported()) {
            return notRun(target, "no jcmd beside this JDK to read the live heap");
        }
        Bench.settle(server);
        long heap0 = LiveHeap.bytes(server.pid());
        long rss0 = server.sample().rssBytes();
        List<SocketChannel> open = LoadGenerator.openIdle(new InetSocketAddress("127.0.0.1", server.port()), shape().idle());
        try {
            Bench.settle(server);
            long heap1 = LiveHeap.bytes(server.pid());
            ProcStats.Sample after = server.sample();
            int n = stillOpen(open); // the server may have closed some (select, past 1024)
            if (heap0 < 0 || heap1 < 0 || n == 0) {
                return notRun(target, n == 0 ? "no connection stayed open" : "jcmd could not read the live heap");
            }
            return new BenchResult(id(), target.name(), server.engine(), new BenchResult.Shape(0, n, 0), null, null,
                    new BenchResult.ServerCost(0, null, 0, after.threads(), after.rssBytes() / 1048576.0),
                    BenchResult.Checks.NONE, n < shape().idle() ? "only " + n + " of " + shape().idle()
                            + " stayed open (per connection: of those)" : "",
                    null, new BenchResult.Memory(n, (heap1 - heap0) / 1024.0 / n, (after.rssBytes() - rss0) / 1024.0 / n));
        } finally {
            for (SocketChannel c : open) {
                c.close();
            }
        }
    }

    /** The connections the server has not closed: a read that would block, not an end of stream or a reset. */
    private static int stillOpen(List<SocketChannel> open) {
        java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
        int n = 0;
        for (SocketChannel c : open) {
            try {
                c.configureBlocking(false);
                if (c.read(one.clear()) == 0) {
                    n++;
                }
            } catch (IOException closedByTheServer) {
                // reset: not open
            }
        }
        return n;
    }

    @Override
    public Figure figure() {
        return new Figure("heap KiB/conn", r -> r.memory() == null ? null : r.memory().heapKiBPerConnection(), true);
    }

    @Override
    public List<BenchResult> drawn(List<BenchResult> rows) {
        return rows.stream().filter(r -> r.memory() != null).toList();
    }

    @Override
    public String summary(BenchResult r) {
        return r.memory() == null ? r.note() : String.format(Locale.ROOT, "%.1f KiB heap, %.1f KiB rss per connection",
                r.memory().heapKiBPerConnection(), r.memory().rssKiBPerConnection());
    }

    @Override
    public CategoryChart chart(List<BenchResult> rows) {
        Map<String, ToDoubleFunction<BenchResult>> series = new LinkedHashMap<>();
        series.put("live heap", r -> r.memory().heapKiBPerConnection());
        series.put("resident", r -> r.memory().rssKiBPerConnection());
        return Charts.bars(title(), "KiB per idle connection", drawn(rows), series);
    }
}
