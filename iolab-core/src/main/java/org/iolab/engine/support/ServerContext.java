package org.iolab.engine.support;

import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;

/**
 * What every connection of one running server shares: its configuration, its counters and the
 * set of open connections (the limit and the graceful stop).
 *
 * <p>Thread rule: immutable; its parts are safe from any thread.
 *
 * @param config the server's configuration
 * @param stats the server's counters
 * @param connections the open connections
 */
public record ServerContext(ServerConfig config, ServerStats stats, ConnectionSet connections) {

    /** A fresh context: new counters, an empty set bounded by {@code config.maxConnections()}. */
    public static ServerContext of(ServerConfig config) {
        ServerStats stats = new ServerStats();
        return new ServerContext(config, stats, new ConnectionSet(stats, config.maxConnections()));
    }
}
