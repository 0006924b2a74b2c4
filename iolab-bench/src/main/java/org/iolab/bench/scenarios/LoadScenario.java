package org.iolab.bench.scenarios;

import org.iolab.bench.load.Connections;
import org.iolab.bench.load.Exchange;
import org.iolab.bench.load.HttpExchange;
import org.iolab.bench.load.Pinning;
import org.iolab.bench.measure.Bench;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.peers.Nginx;
import org.iolab.bench.peers.Target;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;

/**
 * A closed-loop load (see {@link org.iolab.bench.load.LoadGenerator}): active connections exchanging messages of the
 * upper echo, or HTTP requests one at a time or pipelined ({@link #http}), perhaps among idle
 * ones. Its chart is server CPU per message (a request, for http), or latency for one
 * connection (one connection is wake-up bound: CPU per message says little there). One
 * connection's two ends are placed the same way for every target ({@link Pinning#apart}).
 *
 * <p>Thread rule: immutable.
 */
final class LoadScenario extends Scenario {

    private final BenchResult.Shape quickShape;
    /** Which targets it runs on, by name (of those asked for). */
    private final Predicate<String> runsOn;
    /** The app the load speaks, upper or http. */
    private final String app;
    /** HTTP requests pipelined per exchange (1 for the upper app). */
    private final int depth;
    /** Whether the load speaks TLS (the {@code tls} comparison), and makes a new connection per exchange. */
    private final Over over;
    /** The comparison it belongs to. */
    private final String comparison;

    /** How the load's connections go: clear or TLS, kept or one per exchange. */
    record Over(boolean tls, Connections connections) {
        static final Over CLEAR = new Over(false, Connections.KEPT);
    }

    /**
     * @param quickShape the smaller shape quick mode runs where the full one takes long (or the same)
     * @param runsOn which targets it runs on, by name (of those asked for)
     */
    LoadScenario(int number, String slug, String shows, BenchResult.Shape shape, BenchResult.Shape quickShape,
                 Predicate<String> runsOn) {
        this(number, slug, title(shape), shows, shape, quickShape, runsOn, "upper", 1, Over.CLEAR);
    }

    private LoadScenario(int number, String slug, String title, String shows, BenchResult.Shape shape,
                         BenchResult.Shape quickShape, Predicate<String> runsOn, String app, int depth, Over over) {
        super(number, slug, title, shows, shape);
        this.quickShape = quickShape;
        this.runsOn = runsOn;
        this.app = app;
        this.depth = depth;
        this.over = over;
        this.comparison = over.tls() ? "tls" : app;
        Exchange.of(app, shape.size(), depth); // checked now, not at run time
    }

    private LoadScenario(LoadScenario s, String comparison) {
        super(s.number(), s.id().substring(s.id().indexOf('-') + 1), s.title().substring(s.title().indexOf(". ") + 2),
                s.shows(), s.shape());
        this.quickShape = s.quickShape;
        this.runsOn = s.runsOn;
        this.app = s.app;
        this.depth = s.depth;
        this.over = s.over;
        this.comparison = comparison;
    }

    /** The same load, in another comparison ({@code ws}'s plain-TCP echo, beside the WebSocket one). */
    LoadScenario in(String otherComparison) {
        return new LoadScenario(this, otherComparison);
    }

    /** A load of {@code app} in clear text on {@code shape} (the same in quick mode). */
    static LoadScenario of(int number, String slug, String title, String shows, BenchResult.Shape shape, String app,
                           Predicate<String> runsOn) {
        return new LoadScenario(number, slug, title, shows, shape, shape, runsOn, app, 1, Over.CLEAR);
    }

    /**
     * A load over TLS on every target (the lab's identity; Netty's peers and iolab's native engines
     * also on OpenSSL, {@link Target#withOpenSsl}) of {@code app} ({@code depth} requests at once
     * over http), its {@code connections} kept or new per exchange (a full or a resumed
     * handshake): a scenario of the {@code tls} comparison, the same in quick mode.
     */
    static LoadScenario tls(int number, String slug, String title, String shows, BenchResult.Shape shape, String app,
                            int depth, Connections connections, Predicate<String> runsOn) {
        return new LoadScenario(number, slug, title, shows, shape, shape, runsOn, app, depth, new Over(true, connections));
    }

    /**
     * TechEmpower's plaintext load ({@link HttpExchange}) on {@code conns} kept-alive connections,
     * {@code depth} requests pipelined on each (1: one at a time).
     */
    static LoadScenario http(int number, String slug, String shows, int conns, int quickConns, int depth,
                             Predicate<String> runsOn) {
        String title = httpTitle(conns, depth);
        int payload = Exchange.of("http", 1, depth).payload();
        return new LoadScenario(number, slug, title, shows, new BenchResult.Shape(conns, 0, payload),
                new BenchResult.Shape(quickConns, 0, payload), runsOn, "http", depth, Over.CLEAR);
    }

    /** The heading of an HTTP load: {@code HTTP, 100 connections, 16 pipelined (GET /plaintext)}. */
    static String httpTitle(int conns, int depth) {
        return (conns == 1 ? "HTTP, one connection" : "HTTP, " + conns + " connections")
                + (depth == 1 ? ", keep-alive" : ", " + depth + " pipelined") + " (GET " + HttpExchange.PATH + ")"
                + (conns == 1 ? " (latency)" : "");
    }

    @Override
    public String app() {
        return app;
    }

    @Override
    public String comparison() {
        return comparison;
    }

    /** What one message is called: a request over HTTP. */
    private String unit() {
        return app.equals("http") ? "req" : "msg";
    }

    /** A load of {@code conns} active connections among {@code idle} idle ones, 64 B messages. */
    static LoadScenario of(int number, String slug, String shows, int conns, int idle, int quickConns, int quickIdle,
                           Predicate<String> runsOn) {
        return new LoadScenario(number, slug, shows, new BenchResult.Shape(conns, idle, 64),
                new BenchResult.Shape(quickConns, quickIdle, 64), runsOn);
    }

    /** The heading a shape reads as: {@code 10 active among 5000 idle, 64 B}. */
    static String title(BenchResult.Shape s) {
        String size = s.size() >= 1024 && s.size() % 1024 == 0 ? s.size() / 1024 + " KiB" : s.size() + " B";
        if (s.conns() == 1 && s.idle() == 0) {
            return "one connection, " + size + " (latency)";
        }
        if (s.idle() > 0) {
            return s.conns() + " active among " + s.idle() + " idle, " + size;
        }
        return s.conns() + " active connections, " + (s.size() == 64 ? size : size + " messages");
    }

    @Override
    public List<Target> targets(List<String> engines, List<String> peers) {
        List<String> all = over.tls() ? Target.withOpenSsl(engines, peers) // each provider
                : java.util.stream.Stream.concat(engines.stream(), peers.stream()).toList();
        return super.targets(all, List.of()).stream().filter(t -> runsOn.test(t.engine())).map(t -> t.serving(app))
                .map(t -> over.tls() ? t.overTls() : t).toList();
    }

    @Override
    public Scenario quick() {
        if (quickShape.equals(shape())) {
            return this;
        }
        String title = over.tls() ? title().substring(title().indexOf(". ") + 2)
                : app.equals("upper") ? title(quickShape) : httpTitle(quickShape.conns(), depth);
        return new LoadScenario(number(), id().substring(id().indexOf('-') + 1), title + " (quick)",
                shows(), quickShape, quickShape, runsOn, app, depth, over).in(comparison);
    }

    @Override
    public BenchResult run(Target target, RunContext context) throws IOException, InterruptedException {
        if (target.engine().equals(Nginx.NAME) && Nginx.missing() != null) {
            return notRun(target, Nginx.missing());
        }
        BenchResult.Shape s = shape();
        Bench.Spec spec = new Bench.Spec(s.conns(), s.idle(), s.size(), context.warmup(app, over.tls(), over.connections().reconnect()), context.window, context.pin,
                context.loops, 1, app, depth, over.tls(), over.connections(), context.jitSettle);
        return context.withServer(target, server -> {
            if (s.conns() > 1 || context.pin) { // pinned: the server is on CPU 0 already, the lab elsewhere
                return new Bench().measure(id(), target, server, spec);
            }
            try (AutoCloseable placed = Pinning.apart(server.pids())) {
                return new Bench().measure(id(), target, server, spec);
            } catch (IOException | InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        });
    }

    @Override
    public String summary(BenchResult r) {
        if (r.messages() == 0 && !r.note().isEmpty()) {
            return r.note();
        }
        String modes = r.latency() == null || r.latency().modes() == null ? "" : "; " + r.latency().modes();
        return String.format(Locale.ROOT, "%.0f %s/s, %.2f us cpu/%s%s", r.throughput().messagesPerSecond(), unit(),
                Charts.or(r.cpuMicrosPerMessage()), unit(), modes);
    }

    @Override
    public Figure figure() {
        return shape().conns() == 1
                ? new Figure("p50 us", r -> r.latency() == null ? null : r.latency().p50Micros(), true)
                : new Figure("cpu us/" + unit(), BenchResult::cpuMicrosPerMessage, true);
    }

    @Override
    public List<BenchResult> drawn(List<BenchResult> rows) {
        return rows.stream().filter(r -> r.messages() > 0 && r.checks().unserved() == 0).toList();
    }

    @Override
    public CategoryChart chart(List<BenchResult> rows) {
        rows = drawn(rows);
        Map<String, ToDoubleFunction<BenchResult>> series = new LinkedHashMap<>();
        if (shape().conns() == 1) {
            series.put("p50", r -> r.latency() == null ? -1 : r.latency().p50Micros());
            series.put("p99", r -> r.latency() == null ? -1 : r.latency().p99Micros());
            return Charts.bars(title(), "latency (us): p50 and p99", rows, series);
        }
        series.put("server CPU us per message", r -> Charts.or(r.cpuMicrosPerMessage()));
        return Charts.bars(title(), "server CPU us per message", rows, series);
    }
}
