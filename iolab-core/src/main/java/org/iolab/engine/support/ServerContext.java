package org.iolab.engine.support;

import java.io.IOException;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;

/**
 * What every connection of one running server shares: its configuration, its counters, the
 * set of open connections (the limit and the graceful stop) and the descriptor kept in reserve
 * for running out of them.
 *
 * <p>Thread rule: immutable; its parts are safe from any thread.
 *
 * @param config the server's configuration
 * @param stats the server's counters
 * @param connections the open connections
 * @param reserve the descriptor freed to accept and close connections when out of descriptors
 */
public record ServerContext(ServerConfig config, ServerStats stats, ConnectionSet connections,
                            DescriptorReserve reserve) {

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

    /** A fresh context: new counters, an empty set bounded by {@code config.maxConnections()}. */
    public static ServerContext of(ServerConfig config) {
        ServerStats stats = new ServerStats();
        return new ServerContext(config, stats, new ConnectionSet(stats, config.maxConnections()), new DescriptorReserve());
    }
}
