package org.iolab.engine.dispatch;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.iolab.engine.support.SafeLog;
import org.iolab.protocol.DatagramProtocol;
import org.iolab.protocol.DatagramTransport;
import org.iolab.server.ServerStats;

/**
 * Receives datagrams on a blocking socket and hands each (a copy) to the dispatcher, like
 * Python's ThreadingUDPServer. Also the {@link DatagramTransport} replies go through.
 *
 * <p>Thread rule: {@link #run} on the receiver thread; {@link #send} from any thread
 * ({@link DatagramSocket#send} is thread-safe).
 */
final class UdpReceiver implements Runnable, DatagramTransport {

    private static final System.Logger LOG = System.getLogger(UdpReceiver.class.getName());
    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramSocket socket;
    private final DatagramProtocol protocol;
    private final Dispatcher dispatcher;
    private final ServerStats stats;

    UdpReceiver(DatagramSocket socket, DatagramProtocol protocol, Dispatcher dispatcher, ServerStats stats) {
        this.socket = socket;
        this.protocol = protocol;
        this.dispatcher = dispatcher;
        this.stats = stats;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    SafeLog.warn(LOG, "udp-receive", () -> "receive failed: " + e);
                }
                continue;
            } catch (Throwable t) {
                stats.onInternalError();
                SafeLog.log(LOG, System.Logger.Level.ERROR, "udp-receive", () -> "receiver failed; continuing: " + t, t);
                continue;
            }
            byte[] data = Arrays.copyOf(buffer, packet.getLength());
            InetSocketAddress sender = (InetSocketAddress) packet.getSocketAddress();
            dispatcher.dispatch(() -> deliver(data, sender));
        }
    }

    private void deliver(byte[] data, InetSocketAddress sender) {
        try {
            protocol.datagramReceived(ByteBuffer.wrap(data), sender, this);
        } catch (Throwable t) {
            stats.onCallbackFailure();
            SafeLog.log(LOG, System.Logger.Level.WARNING, "callback-failed", () -> "datagramReceived failed for "
                    + sender + ": " + t, t);
        }
    }

    @Override
    public void send(ByteBuffer data, InetSocketAddress target) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, target));
        } catch (IOException e) {
            stats.onDatagramDropped();
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }
}
