package org.iolab.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;
import org.iolab.server.Engine;
import org.iolab.server.Engines;
import org.iolab.server.ServerConfig;

/**
 * A test-only engine that lies: {@code nio}, with one byte in every 10,000 received flipped
 * (XOR 1, which upper-casing never undoes) before the app sees it. It lets a test check that
 * {@code iolab bench} notices a server that corrupts data. Available only where the
 * environment says {@code IOLAB_TEST_CORRUPTING=1}, so no other test or lab run meets it.
 */
public final class CorruptingEngine implements Engine {

    static final String ENV = "IOLAB_TEST_CORRUPTING";

    @Override
    public String name() {
        return "corrupting";
    }

    @Override
    public String model() {
        return "test only: nio with one received byte in 10,000 flipped";
    }

    @Override
    public Availability availability() {
        return "1".equals(System.getenv(ENV)) ? Availability.yes() : Availability.no("test only (" + ENV + "=1)");
    }

    @Override
    public Set<Application.Kind> supports() {
        return Set.of(Application.Kind.TCP_PROTOCOL);
    }

    @Override
    public int rank() {
        return 1000;
    }

    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        Application.Tcp tcp = (Application.Tcp) app;
        Application lying = Application.tcp(info -> {
            Protocol inner = tcp.factory().newProtocol(info);
            return new Protocol() {
                private long seen;

                @Override
                public void connectionMade(Transport t) {
                    inner.connectionMade(t);
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    for (int i = data.position(); i < data.limit(); i++) {
                        if (++seen % 10_000 == 0) {
                            data.put(i, (byte) (data.get(i) ^ 1));
                        }
                    }
                    inner.dataReceived(data);
                }

                @Override
                public void connectionLost(Throwable cause) {
                    inner.connectionLost(cause);
                }
            };
        });
        return Engines.find("nio").orElseThrow().start(config, lying);
    }
}
