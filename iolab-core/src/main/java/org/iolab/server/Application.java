package org.iolab.server;

import java.util.Objects;
import org.iolab.protocol.DatagramProtocol;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.protocol.StreamHandler;

/**
 * What a server serves: a TCP {@link ProtocolFactory}, a TCP {@link StreamHandler}, or a UDP
 * {@link DatagramProtocol}. Engines declare which {@link Kind}s they accept. A TCP application
 * says whether it speaks lines ({@link Tcp#lines()}: the engine then closes a connection whose
 * line is not completed within {@link ServerConfig#lineTimeout()}, with an error line) and
 * whether its connections are exempt from the idle timeout (a chat member may only listen).
 * An application may carry a <em>recipe</em>, a name another process can make it again from
 * through an {@link ApplicationProvider} (the processes engine starts its workers that way).
 *
 * <pre>{@code
 * Application app = Application.tcp(info -> new UpperProtocol());
 * Application chat = Application.tcp(new ChatRoom()).lines().exemptFromIdleTimeout();
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

    static Tcp tcp(ProtocolFactory factory) {
        return new Tcp(factory, false, false, null, null, java.util.List.of());
    }

    static Stream stream(StreamHandler handler) {
        return new Stream(handler, false, false, null);
    }

    /** The name another process makes this application again from, or {@code null}. */
    default String recipe() {
        return null;
    }

    /** The same application, with the recipe that makes it again (see {@link ApplicationProvider}). */
    Application named(String recipe);

    /** Whether the engine enforces the line deadline. */
    default boolean lineBased() {
        return false;
    }

    /**
     * The reply sent when a request's deadline passes, for an application that marks its own
     * requests ({@link org.iolab.protocol.Transport#requestPending}); {@code null} for one that
     * speaks lines, whose deadline is a line's (an error line then).
     */
    default byte[] requestTimeoutReply() {
        return null;
    }

    /** Whether the idle timeout spares this application's connections. */
    default boolean idleExempt() {
        return false;
    }

    static Application udp(DatagramProtocol protocol) {
        return new Udp(protocol, null);
    }

    /** TCP, one {@code Protocol} per connection. */
    record Tcp(ProtocolFactory factory, boolean lineBased, boolean idleExempt, String recipe,
               byte[] requestTimeoutReply, java.util.List<String> alpn) implements Application {
        public Tcp {
            Objects.requireNonNull(factory, "factory");
            alpn = java.util.List.copyOf(alpn);
        }

        /**
         * The same application, speaking these protocols over TLS (ALPN ids, in the order it
         * prefers them: {@code h2}, {@code http/1.1}): a server whose {@code TlsConfig} names
         * none offers these, and the protocol ALPN chose is in each connection's
         * {@code ConnectionInfo}.
         */
        public Tcp alpn(java.util.List<String> protocols) {
            return new Tcp(factory, lineBased, idleExempt, recipe, requestTimeoutReply, protocols);
        }

        /** The same application, speaking lines (the line deadline applies). */
        public Tcp lines() {
            return new Tcp(factory, true, idleExempt, recipe, requestTimeoutReply, alpn);
        }

        /**
         * The same application, marking its own requests ({@code Transport.requestPending}): a
         * request not completed within the line timeout gets {@code timeoutReply}, then a close
         * (HTTP's 408 for a slowloris, whose every header line is complete).
         */
        public Tcp requests(byte[] timeoutReply) {
            return new Tcp(factory, true, idleExempt, recipe, timeoutReply.clone(), alpn);
        }

        /** The same application, spared by the idle timeout. */
        public Tcp exemptFromIdleTimeout() {
            return new Tcp(factory, lineBased, true, recipe, requestTimeoutReply, alpn);
        }

        @Override
        public Tcp named(String recipe) {
            return new Tcp(factory, lineBased, idleExempt, recipe, requestTimeoutReply, alpn);
        }

        @Override
        public Kind kind() {
            return Kind.TCP_PROTOCOL;
        }
    }

    /** TCP, one blocking {@code handle} call per connection. */
    record Stream(StreamHandler handler, boolean lineBased, boolean idleExempt, String recipe) implements Application {
        public Stream {
            Objects.requireNonNull(handler, "handler");
        }

        /** The same application, speaking lines (the line deadline applies). */
        public Stream lines() {
            return new Stream(handler, true, idleExempt, recipe);
        }

        @Override
        public Stream named(String recipe) {
            return new Stream(handler, lineBased, idleExempt, recipe);
        }

        @Override
        public Kind kind() {
            return Kind.TCP_STREAM;
        }
    }

    /** UDP, one protocol for the socket. */
    record Udp(DatagramProtocol protocol, String recipe) implements Application {
        public Udp {
            Objects.requireNonNull(protocol, "protocol");
        }

        @Override
        public Udp named(String recipe) {
            return new Udp(protocol, recipe);
        }

        @Override
        public Kind kind() {
            return Kind.UDP;
        }
    }
}
