package org.iolab.protocol;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * An application served over UDP: one instance for the whole socket.
 *
 * <p><b>Thread rule.</b> On event-loop engines and {@code blocking} every datagram is delivered
 * on one thread. On {@code threads}, {@code pool} and {@code virtual} each datagram runs on a
 * thread of its own (like Python's ThreadingUDPServer), so calls may overlap and the protocol
 * must be thread-safe. The buffer is valid only during the call.
 */
@FunctionalInterface
public interface DatagramProtocol {

    void datagramReceived(ByteBuffer data, InetSocketAddress sender, DatagramTransport transport);
}
