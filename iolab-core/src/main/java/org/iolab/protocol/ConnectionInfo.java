package org.iolab.protocol;

import java.net.InetSocketAddress;

/**
 * Who connected, and how: the addresses of a freshly accepted connection and, over TLS, the
 * application protocol ALPN chose for it. A {@link ProtocolFactory} may pick the protocol by it
 * ({@code h2} or {@code http/1.1} on one port). Immutable.
 *
 * @param remote the peer's address
 * @param local the server's side of the connection
 * @param applicationProtocol the protocol ALPN chose during the TLS handshake ({@code h2},
 *     {@code http/1.1}), or {@code null}: in clear text, or when the client offered none
 * @param counters where the application counts events of its own (the server's stats)
 */
public record ConnectionInfo(InetSocketAddress remote, InetSocketAddress local, String applicationProtocol,
                             Counters counters) {

    public ConnectionInfo {
        counters = counters == null ? Counters.NONE : counters;
    }

    /** A connection with no protocol chosen by ALPN (clear text), its events counted nowhere. */
    public ConnectionInfo(InetSocketAddress remote, InetSocketAddress local) {
        this(remote, local, null, Counters.NONE);
    }

    /** {@code ip:port} of the peer ({@code [::1]:port} for IPv6), as the chat room prints it. */
    public String remoteText() {
        return Addresses.shown(remote);
    }
}
