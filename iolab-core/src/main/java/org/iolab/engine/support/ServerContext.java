package org.iolab.engine.support;

import java.io.IOException;
import java.security.GeneralSecurityException;
import org.iolab.server.Application;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;
import org.iolab.tls.TlsContext;

/**
 * What every connection of one running server shares: its configuration, its counters, the
 * set of open connections (the limit and the graceful stop) and the descriptor kept in reserve
 * for running out of them, and its TLS context when it speaks TLS.
 *
 * <p>Thread rule: immutable; its parts are safe from any thread.
 *
 * @param config the server's configuration
 * @param app what it serves (whether it speaks lines, whether it is exempt from the idle timeout)
 * @param stats the server's counters
 * @param connections the open connections
 * @param reserve the descriptor freed to accept and close connections when out of descriptors
 * @param sweeper the thread that enforces the timeouts, or {@code null} when they are all off
 * @param tls the TLS provider's context every connection's session is made from, or {@code null} in clear text
 * @param workers where blocking work runs ({@code Transport.executeBlocking})
 */
public record ServerContext(ServerConfig config, Application app, ServerStats stats, ConnectionSet connections,
                            DescriptorReserve reserve, TimeoutSweeper sweeper, TlsContext tls,
                            WorkerPool workers) {

    /** Makes a connection out of a freshly accepted socket. */
    @FunctionalInterface
    public interface Maker<M> {
        M make() throws IOException;
    }

    /**
     * Makes the connection for a freshly accepted {@code socket} and admits it under the
     * connection limit; when it cannot be made or the server is full, closes the socket and
     * returns {@code null} (a rejection is counted). Any thread.
     */
    public <M extends ConnectionSet.Member> M admit(AutoCloseable socket, Maker<M> make) {
        M member;
        try {
            member = make.make();
        } catch (IOException | RuntimeException e) {
            Closeables.closeQuietly(socket);
            return null;
        }
        if (!connections.admit(member)) {
            Closeables.closeQuietly(socket);
            return null;
        }
        return member;
    }

    /**
     * A fresh context: new counters, an empty set bounded by {@code config.maxConnections()}, a
     * sweeper, the TLS provider's context.
     *
     * @throws IOException when the TLS provider cannot use the configured keys
     */
    public static ServerContext of(ServerConfig config, Application app) throws IOException {
        TlsContext tls = null;
        if (config.tls() != null) {
            try {
                org.iolab.tls.TlsConfig c = config.tls();
                if (c.applicationProtocols().isEmpty() && app instanceof Application.Tcp t && !t.alpn().isEmpty()) {
                    c = c.withApplicationProtocols(t.alpn()); // the protocols the application speaks
                }
                tls = c.newContext();
            } catch (GeneralSecurityException e) {
                throw new IOException("TLS (" + config.tls().provider().name() + "): " + e.getMessage(), e);
            }
        }
        ServerStats stats = new ServerStats();
        ConnectionSet connections = new ConnectionSet(stats, config.maxConnections());
        return new ServerContext(config, app, stats, connections, new DescriptorReserve(),
                TimeoutSweeper.startIfNeeded(config, connections), tls, new WorkerPool(config.workers()));
    }

    /** Stops the sweeper, gives the reserve descriptor back, frees the TLS context, refuses new work (the server has stopped). */
    public void close() {
        workers.close();
        if (sweeper != null) {
            sweeper.stop();
        }
        reserve.close();
        if (tls != null) {
            tls.close();
        }
    }
}
