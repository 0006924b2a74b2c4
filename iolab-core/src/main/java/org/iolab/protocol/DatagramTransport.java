package org.iolab.protocol;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Sends datagrams from the server's UDP socket.
 *
 * <p><b>Thread rule.</b> Safe from any thread. A datagram that the kernel cannot take at once
 * (socket buffer full) is dropped and counted, as UDP allows; it is never half-sent.
 */
public interface DatagramTransport {

    /** Sends the buffer's remaining bytes as one datagram to {@code target}. */
    void send(ByteBuffer data, InetSocketAddress target);

    InetSocketAddress localAddress();
}
