package org.iolab.protocol;

import java.net.InetSocketAddress;

/**
 * Who connected: the addresses of a freshly accepted connection. Immutable.
 *
 * @param remote the peer's address
 * @param local the server's side of the connection
 */
public record ConnectionInfo(InetSocketAddress remote, InetSocketAddress local) {

    /** {@code ip:port} of the peer ({@code [::1]:port} for IPv6), as the chat room prints it. */
    public String remoteText() {
        return Addresses.shown(remote);
    }
}
