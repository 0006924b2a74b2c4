package org.iolab.bench.scenarios;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.iolab.bench.load.H2load;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.H2loadBench;
import org.iolab.bench.peers.Nginx;
import org.iolab.bench.peers.Target;
import org.knowm.xchart.CategoryChart;

/**
 * A load of the h2 comparison, driven by h2load ({@link H2load}): {@code GET /plaintext} on
 * {@code conns} connections, {@code streams} requests in flight on each, over HTTP/2 in clear
 * text (prior knowledge) or over TLS (ALPN), or the same over HTTP/1.1 pipelined, so that the two
 * protocols meet one client. Its figure is server CPU per request.
 *
 * <p>Thread rule: immutable.
 */
final class H2loadScenario extends Scenario {

    private final boolean tls;
    private final boolean h1;
    private final int streams;
    private final Predicate<String> runsOn;

    H2loadScenario(int number, String slug, String shows, int conns, int streams, boolean tls, boolean h1,
                   Predicate<String> runsOn) {
        super(number, slug, title(conns, streams, tls, h1), shows, new BenchResult.Shape(conns, 0, 13));
        this.tls = tls;
        this.h1 = h1;
        this.streams = streams;
        this.runsOn = runsOn;
    }

    /** {@code HTTP/2 over TLS, 100 connections x 16 streams (h2load, GET /plaintext)}. */
    static String title(int conns, int streams, boolean tls, boolean h1) {
        return (h1 ? "HTTP/1.1" : tls ? "HTTP/2 over TLS" : "HTTP/2 in clear text (h2c)") + ", " + conns + " connections x "
                + streams + (h1 ? " pipelined" : streams == 1 ? " stream" : " streams") + " (h2load, GET /plaintext)";
    }

    /** The app its servers serve: {@code h2}, or {@code http} for the HTTP/1.1 row beside. */
    @Override
    public String app() {
        return h1 ? "http" : "h2";
    }

    @Override
    public String comparison() {
        return "h2";
    }

    @Override
    public List<Target> targets(List<String> engines, List<String> peers) {
        // over TLS Netty on OpenSSL beside Netty on the JDK's SSLEngine (iolab's providers: the tls comparison)
        List<String> all = tls ? Target.peersWithOpenSsl(peers) : peers;
        return super.targets(engines, all).stream().filter(t -> runsOn.test(t.engine())).map(t -> t.serving(app()))
                .map(t -> tls ? t.overTls() : t).toList();
    }

    @Override
    public BenchResult run(Target target, RunContext context) throws IOException, InterruptedException {
        if (H2load.missing() != null) {
            return notRun(target, H2load.missing());
        }
        if (target.engine().equals(Nginx.NAME) && Nginx.missing() != null) {
            return notRun(target, Nginx.missing());
        }
        return context.withServer(target, server -> new H2loadBench().measure(id(), target.name(), server,
                new H2load.Spec(new InetSocketAddress("127.0.0.1", server.port()), tls, h1, shape().conns(), streams,
                        atLeast(context.warmup("http", tls, false)), atLeast(context.window), context.pin ? 1 : -1),
                shape(), context.jitSettle));
    }

    /**
     * Quick mode's windows, but a second at least: 100 TLS handshakes on a cold server take half
     * a second here, and h2load's measured window would hold none of the load.
     */
    private static java.time.Duration atLeast(java.time.Duration d) {
        return d.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : d;
    }

    @Override
    public String summary(BenchResult r) {
        if (r.messages() == 0 || r.throughput() == null) {
            return r.note();
        }
        return String.format(Locale.ROOT, "%.0f req/s, %.2f us cpu/req%s", r.throughput().messagesPerSecond(),
                Charts.or(r.cpuMicrosPerMessage()), r.note().isEmpty() ? "" : "; " + r.note());
    }

    @Override
    public Figure figure() {
        return new Figure("cpu us/req", BenchResult::cpuMicrosPerMessage, true);
    }

    @Override
    public List<BenchResult> drawn(List<BenchResult> rows) {
        return rows.stream().filter(r -> r.messages() > 0 && r.checks().errors() == 0).toList();
    }

    @Override
    public CategoryChart chart(List<BenchResult> rows) {
        Map<String, ToDoubleFunction<BenchResult>> series = new LinkedHashMap<>();
        series.put("server CPU us per request", r -> Charts.or(r.cpuMicrosPerMessage()));
        return Charts.bars(title(), "server CPU us per request", drawn(rows), series);
    }
}
