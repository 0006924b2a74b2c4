package org.iolab.cli.client;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.iolab.protocol.Addresses;

/**
 * Each line typed as one datagram, and the reply shown (or that none came within
 * {@link #REPLY_WAIT_MS}). The socket is connected to the server, so the kernel's "port
 * unreachable" (no server on that port) is reported as such instead of as silence.
 *
 * <p>Thread rule: {@link #run} blocks its caller.
 */
public final class UdpClient {

    static final int REPLY_WAIT_MS = 2000;

    private final Console console;

    public UdpClient(Console console) {
        this.console = console;
    }

    public int run(String host, int port) {
        try (DatagramSocket socket = new DatagramSocket(); console) {
            socket.connect(new InetSocketAddress(host, port));
            socket.setSoTimeout(REPLY_WAIT_MS);
            if (console.interactive()) {
                console.say("sending datagrams to " + Addresses.shown(socket.getRemoteSocketAddress()) + " from "
                        + Addresses.shown(socket.getLocalSocketAddress()) + "; a line each, Ctrl-D to end");
            }
            byte[] buf = new byte[65_535];
            int unreachable = 0;
            String line;
            while ((line = console.readLine()) != null) {
                byte[] data = line.getBytes(StandardCharsets.UTF_8);
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                try {
                    socket.send(new DatagramPacket(data, data.length));
                    socket.receive(reply);
                    console.show(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8) + "\n");
                } catch (PortUnreachableException e) {
                    unreachable++;
                    console.say("(port unreachable: nothing listens on " + host + ":" + port + ")");
                } catch (SocketTimeoutException e) {
                    console.say("(no reply within " + REPLY_WAIT_MS + " ms)");
                }
            }
            return unreachable > 0 ? TcpClient.SERVER_ENDED : TcpClient.YOU_ENDED;
        } catch (IOException e) {
            console.say("iolab: " + e.getMessage());
            return TcpClient.SERVER_ENDED;
        }
    }
}
