package org.iolab.bench.load;

/**
 * How the load's connections live: kept for every exchange, or a new one per exchange, over TLS
 * with a full handshake each or resuming the session the server's ticket gave.
 *
 * <p>Thread rule: an enum.
 */
public enum Connections {
    /** One connection per client, kept for every exchange. */
    KEPT,
    /** A new connection for every exchange; over TLS a full handshake each (the client keeps no session). */
    NEW,
    /**
     * A new connection for every exchange, over TLS resuming the session of the server's last
     * ticket (RFC 8446 2.2: a PSK handshake, ECDHE still, no certificate and no signature); the
     * first connection of each client makes the full handshake that brings a ticket.
     */
    RESUMED;

    /** Whether every exchange is on a new connection. */
    public boolean reconnect() {
        return this != KEPT;
    }
}
