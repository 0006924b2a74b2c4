package org.iolab.server;

import java.util.Objects;
import org.iolab.protocol.DatagramProtocol;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.protocol.StreamHandler;

/**
 * What a server serves: a TCP {@link ProtocolFactory}, a TCP {@link StreamHandler}, or a UDP
 * {@link DatagramProtocol}. Engines declare which {@link Kind}s they accept.
 *
 * <pre>{@code
 * Application app = Application.tcp(info -> new UpperProtocol());
 * }</pre>
 */
public sealed interface Application {

    /** The three shapes an application can take. */
    enum Kind {
        TCP_PROTOCOL("a TCP Protocol"),
        TCP_STREAM("a StreamHandler (blocking streams)"),
        UDP("UDP (a DatagramProtocol)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    Kind kind();

    static Application tcp(ProtocolFactory factory) {
        return new Tcp(factory);
    }

    static Application stream(StreamHandler handler) {
        return new Stream(handler);
    }

    static Application udp(DatagramProtocol protocol) {
        return new Udp(protocol);
    }

    /** TCP, one {@code Protocol} per connection. */
    record Tcp(ProtocolFactory factory) implements Application {
        public Tcp {
            Objects.requireNonNull(factory, "factory");
        }

        @Override
        public Kind kind() {
            return Kind.TCP_PROTOCOL;
        }
    }

    /** TCP, one blocking {@code handle} call per connection. */
    record Stream(StreamHandler handler) implements Application {
        public Stream {
            Objects.requireNonNull(handler, "handler");
        }

        @Override
        public Kind kind() {
            return Kind.TCP_STREAM;
        }
    }

    /** UDP, one protocol for the socket. */
    record Udp(DatagramProtocol protocol) implements Application {
        public Udp {
            Objects.requireNonNull(protocol, "protocol");
        }

        @Override
        public Kind kind() {
            return Kind.UDP;
        }
    }
}
