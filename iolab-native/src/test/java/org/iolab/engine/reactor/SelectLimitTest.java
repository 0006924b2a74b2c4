package org.iolab.engine.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.api.Test;

/** select cannot watch descriptors >= 1024: those connections are closed, the rest served. */
class SelectLimitTest {

    /** Echo, enough to tell a served connection from a refused one. */
    static final class Echo implements Protocol {
        private Transport t;

        @Override
        public void connectionMade(Transport transport) {
            t = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            t.write(data);
        }
    }

    static boolean echoes(Socket s) throws IOException {
        try {
            s.getOutputStream().write('x');
            return s.getInputStream().read() == 'x';
        } catch (SocketException e) {
            return false; // reset: refused
        }
    }

    @Test
    void descriptorsPastFdSetSizeAreRefusedAndTheServerGoesOn() throws Exception {
        ServerConfig config = ServerConfig.builder().engine("select").port(0).eventLoops(1)
                .shutdownGrace(Duration.ofSeconds(1)).build();
        List<Socket> clients = new ArrayList<>();
        try (Server server = Server.start(config, Application.tcp(c -> new Echo()))) {
            int refused = 0;
            // this JVM holds both ends, so the server's descriptors pass 1024 well before 1200 clients
            for (int i = 0; i < 1200 && refused == 0; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.setSoTimeout(10_000);
                clients.add(s);
                if (!echoes(s)) {
                    refused++;
                }
            }
            assertThat(refused).as("a connection past FD_SETSIZE was refused").isEqualTo(1);
            for (int i = 0; i < 500 && server.stats().rejected() == 0; i++) {
                Thread.sleep(10); // the counter is another thread's write: wait for it, bounded
            }
            assertThat(server.stats().rejected()).isGreaterThanOrEqualTo(1);
            assertThat(echoes(clients.get(0))).as("the first connection is still served").isTrue();
            assertThat(echoes(clients.get(clients.size() / 2))).isTrue();
            for (Socket s : clients) {
                s.close();
            }
            clients.clear();
            Thread.sleep(200); // let the server close its side; correctness does not depend on it
            try (Socket again = new Socket("127.0.0.1", server.port())) {
                again.setSoTimeout(10_000);
                again.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(again.getInputStream().readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("ok");
            }
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }
}
