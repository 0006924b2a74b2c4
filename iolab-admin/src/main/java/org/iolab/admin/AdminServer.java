package org.iolab.admin;

import java.io.IOException;
import java.util.function.Supplier;
import org.iolab.server.Server;
import org.iolab.server.ServerStats;

/**
 * {@code iolab serve ... --admin HOST:PORT}: a small HTTP server, iolab's own http machinery on
 * the default engine, that shows a running server: {@code /stats} (JSON), {@code /metrics}
 * (Prometheus text), and {@code /}, a dashboard that updates live over server-sent events.
 *
 * <pre>{@code
 * try (AdminServer admin = AdminServer.start("127.0.0.1", 9090, server::stats)) { ... }
 * }</pre>
 *
 * <p>Thread rule: start and close from any thread; it samples on a thread of its own.
 */
public final class AdminServer implements AutoCloseable {

    private final Sampler sampler;
    private final Server server;

    private AdminServer(Sampler sampler, Server server) {
        this.sampler = sampler;
        this.server = server;
    }

    /** {@link #start(String, int, Supplier, TlsConfig)} in clear text. */
    public static AdminServer start(String host, int port, Supplier<ServerStats> stats) throws IOException {
        return start(host, port, stats, null);
    }

    /**
     * Serves the admin page for the server whose counters {@code stats} gives, over HTTPS when
     * {@code tls} is given.
     *
     * @throws IOException when the address cannot be bound
     */
    public static AdminServer start(String host, int port, Supplier<ServerStats> stats, org.iolab.tls.TlsConfig tls)
            throws IOException {
        Sampler sampler = new Sampler(stats);
        try {
            return new AdminServer(sampler, HttpSite.start(host, port, AdminRoutes.router(sampler), tls));
        } catch (IOException | RuntimeException e) {
            sampler.stop();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** The page's address: {@code http://127.0.0.1:9090/} ({@code https://} over TLS). */
    public String url() {
        return HttpSite.url(server);
    }

    @Override
    public void close() {
        sampler.stop();
        server.close();
    }
}
