package org.iolab.apps.http;

import java.nio.ByteBuffer;
import org.iolab.apps.http.h1.Http1Connection;
import org.iolab.protocol.ConnectionInfo;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;

/**
 * HTTP on one connection, on the Protocol API and so on every engine: the framing chosen for the
 * connection (HTTP/1.1, by RFC 9112) serves an {@link HttpService}, usually a {@link Router}.
 * The routes see requests and replies ({@link HttpRequest}, {@link HttpReply}), never the
 * framing.
 *
 * <pre>{@code
 * Router router = new Router().get("/hello", (req, reply) -> reply.send("Hello\n"));
 * Server server = Server.start(config, HttpProtocol.application(router));
 * }</pre>
 *
 * <p>Thread rule: one per connection; its callbacks run one at a time.
 */
public final class HttpProtocol implements Protocol {

    /**
     * What a client gets when its request's head is not complete within the line timeout (a
     * slowloris sending one header line at a time), before the close.
     */
    public static final byte[] TIMEOUT_REPLY = Ascii.bytes("HTTP/1.1 408 Request Timeout\r\nServer: iolab\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 16\r\nConnection: close\r\n\r\nRequest Timeout\n");

    /** Requests one connection may make before it is closed (after the answer). */
    public static final int MAX_REQUESTS = 100_000;

    private final Protocol framing;

    /** Serves {@code service}, with the default cap of requests per connection. */
    public HttpProtocol(HttpService service) {
        this(service, MAX_REQUESTS);
    }

    /** @param maxRequests requests a connection may make before it is closed */
    public HttpProtocol(HttpService service, int maxRequests) {
        this(service, maxRequests, null);
    }

    /**
     * @param maxRequests requests a connection may make before it is closed
     * @param connection the connection's {@link ConnectionInfo} (the protocol ALPN chose), or {@code null}
     */
    public HttpProtocol(HttpService service, int maxRequests, ConnectionInfo connection) {
        this.framing = new Http1Connection(service, maxRequests, Long.MAX_VALUE,
                connection == null ? null : connection.applicationProtocol());
    }

    /** A protocol per connection serving {@code service}. */
    public static ProtocolFactory factory(HttpService service) {
        return info -> new HttpProtocol(service, MAX_REQUESTS, info);
    }

    /**
     * {@code service} as a server's application: the request deadline's 408 ({@link #TIMEOUT_REPLY})
     * for a head not complete within the line timeout.
     */
    public static Application.Tcp application(HttpService service) {
        return Application.tcp(factory(service)).requests(TIMEOUT_REPLY);
    }

    @Override
    public void connectionMade(Transport transport) {
        framing.connectionMade(transport);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        framing.dataReceived(data);
    }

    @Override
    public void writabilityChanged(boolean writable) {
        framing.writabilityChanged(writable);
    }

    @Override
    public void connectionLost(Throwable cause) {
        framing.connectionLost(cause);
    }
}
