package org.iolab.apps;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.iolab.protocol.DatagramProtocol;
import org.iolab.protocol.DatagramTransport;

/**
 * UDP upper-case echo: each datagram comes back upper-cased to its sender.
 *
 * <p>Thread rule: stateless, so safe on engines that run datagrams concurrently.
 */
public final class UpperDatagram implements DatagramProtocol {

    @Override
    public void datagramReceived(ByteBuffer data, InetSocketAddress sender, DatagramTransport transport) {
        Upper.inPlace(data);
        transport.send(data, sender);
    }
}
