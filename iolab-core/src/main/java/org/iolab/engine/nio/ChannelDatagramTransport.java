package org.iolab.engine.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.iolab.protocol.DatagramTransport;
import org.iolab.server.ServerStats;

/**
 * Sends datagrams on a non-blocking {@link DatagramChannel}; a datagram the kernel cannot take
 * now is dropped and counted. Thread rule: any thread ({@code DatagramChannel.send} is
 * thread-safe). Shared by the {@code nio} and {@code polling} engines.
 */
public final class ChannelDatagramTransport implements DatagramTransport {

    private final DatagramChannel channel;
    private final ServerStats stats;

    public ChannelDatagramTransport(DatagramChannel channel, ServerStats stats) {
        this.channel = channel;
        this.stats = stats;
    }

    @Override
    public void send(ByteBuffer data, InetSocketAddress target) {
        try {
            if (channel.send(data, target) == 0) {
                stats.onDatagramDropped();
            }
        } catch (IOException e) {
            stats.onDatagramDropped();
        }
        data.position(data.limit());
    }

    @Override
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("socket is closed", e);
        }
    }
}
