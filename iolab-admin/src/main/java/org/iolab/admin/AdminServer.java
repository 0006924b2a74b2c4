package org.iolab.admin;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.iolab.apps.http.HttpProtocol;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
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

    /**
     * Serves the admin page for the server whose counters {@code stats} gives.
     *
     * @throws IOException when the address cannot be bound
     */
    public static AdminServer start(String host, int port, Supplier<ServerStats> stats) throws IOException {
        Sampler sampler = new Sampler(stats);
        AdminRoutes routes = new AdminRoutes(sampler);
        ServerConfig config = ServerConfig.builder().host(host).port(port)
                .idleTimeout(Duration.ZERO) // a dashboard only listens to its event stream
                .shutdownGrace(Duration.ofSeconds(1)).build();
        try {
            return new AdminServer(sampler, Server.start(config, Application.tcp(c -> new HttpProtocol(routes,
                    HttpProtocol.MAX_REQUESTS)).requests(HttpProtocol.TIMEOUT_REPLY)));
        } catch (IOException | RuntimeException e) {
            sampler.stop();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** The page's address: {@code http://127.0.0.1:9090/}. */
    public String url() {
        return "http://" + org.iolab.protocol.Addresses.shown(server.localAddress()) + "/";
    }

    @Override
    public void close() {
        sampler.stop();
        server.close();
    }
}
