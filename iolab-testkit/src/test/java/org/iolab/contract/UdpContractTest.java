package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.iolab.apps.UpperDatagram;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** UDP upper-case echo, on every engine that serves UDP. */
class UdpContractTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#udp")
    void eachDatagramComesBackUpperCasedToItsSender(String engine) throws Exception {
        try (Server server = Servers.start(engine, Application.udp(new UpperDatagram()));
             DatagramSocket a = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket b = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            a.setSoTimeout(2000);
            b.setSoTimeout(2000);
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.port());
            assertThat(roundTrip(a, target, "hello from a")).isEqualTo("HELLO FROM A");
            assertThat(roundTrip(b, target, "and b, 1234 é")).isEqualTo("AND B, 1234 é");
            String big = "z".repeat(60_000);
            assertThat(roundTrip(a, target, big)).isEqualTo(big.toUpperCase());
        }
    }

    /** Sends until a reply comes (UDP may drop), at most 10 tries of 2 s. */
    static String roundTrip(DatagramSocket s, InetSocketAddress target, String text) throws Exception {
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        byte[] in = new byte[65_535];
        for (int attempt = 0; attempt < 10; attempt++) {
            s.send(new DatagramPacket(out, out.length, target));
            DatagramPacket p = new DatagramPacket(in, in.length);
            try {
                s.receive(p);
                return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            } catch (java.net.SocketTimeoutException e) {
                // lost; try again
            }
        }
        throw new AssertionError("no reply to a datagram after 10 tries");
    }

}
