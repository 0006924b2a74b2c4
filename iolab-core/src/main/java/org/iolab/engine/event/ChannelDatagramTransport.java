package org.iolab.engine.event;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.iolab.engine.support.SafeLog;
import org.iolab.protocol.DatagramProtocol;
import org.iolab.protocol.DatagramTransport;
import org.iolab.server.ServerStats;

/**
 * Sends datagrams on a non-blocking {@link DatagramChannel}; a datagram the kernel cannot take
 * now is dropped and counted; {@link #receiveBurst} is the receiving side. Thread rule: send
 * from any thread ({@code DatagramChannel.send} is thread-safe), receive on the loop. Shared by
 * the {@code nio} and {@code polling} engines.
 */
public final class ChannelDatagramTransport implements DatagramTransport {

    private static final System.Logger LOG = System.getLogger(ChannelDatagramTransport.class.getName());

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

    /**
     * Receives the datagrams waiting now (at most 64) into {@code buffer} and hands each to
     * {@code protocol}; a failing callback is logged and never stops the loop. Returns how many
     * arrived. Loop thread only.
     */
    public int receiveBurst(ByteBuffer buffer, DatagramProtocol protocol) {
        for (int i = 0; i < 64; i++) {
            buffer.clear();
            InetSocketAddress sender;
            try {
                sender = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                if (channel.isOpen()) {
                    SafeLog.warn(LOG, "udp-receive", () -> "receive failed: " + e);
                }
                return i;
            }
            if (sender == null) {
                return i;
            }
            buffer.flip();
            try {
                protocol.datagramReceived(buffer, sender, this);
            } catch (Throwable t) {
                stats.onCallbackFailure();
                SafeLog.log(LOG, System.Logger.Level.WARNING, "callback-failed", () -> "datagramReceived failed for "
                        + sender + ": " + t, t);
            }
        }
        return 64;
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
