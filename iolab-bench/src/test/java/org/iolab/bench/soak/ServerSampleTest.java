package org.iolab.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Selector;
import org.junit.jupiter.api.Test;

/** TCP sockets are counted, and descriptors that are not TCP sockets are not. */
class ServerSampleTest {

    @Test
    void countsThisProcesssTcpSocketsOnly() throws Exception {
        long pid = ProcessHandle.current().pid();
        int before = ServerSample.tcpSockets(pid);
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket accepted = listener.accept();
             Selector epoll = Selector.open()) { // an epoll instance and its wake-up pipe: not TCP
            assertThat(ServerSample.tcpSockets(pid)).isEqualTo(before + 3);
            assertThat(client.isConnected() && accepted.isConnected() && epoll.isOpen()).isTrue();
        }
        assertThat(ServerSample.tcpSockets(pid)).isEqualTo(before);
    }
}
