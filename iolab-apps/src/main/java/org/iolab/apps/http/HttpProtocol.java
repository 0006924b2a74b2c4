package org.iolab.apps.http;

import java.nio.ByteBuffer;
import org.iolab.apps.http.h1.Http1Connection;
import org.iolab.apps.http.h2.Http2Connection;
import org.iolab.apps.http.h2.Http2Limits;
import org.iolab.protocol.ConnectionInfo;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.protocol.Transport;
import org.iolab.server.Application;

/**
 * HTTP on one connection, on the Protocol API and so on every engine: the framing chosen for the
 * connection serves an {@link HttpService}, usually a {@link Router}. HTTP/2 (RFC 9113) when ALPN
 * chose {@code h2} over TLS, or, in clear text, when the connection begins with HTTP/2's
 * preface (prior knowledge, {@code curl --http2-prior-knowledge}), told at its first bytes;
 * HTTP/1.1 (RFC 9112) otherwise. The routes see requests and replies ({@link HttpRequest},
 * {@link HttpReply}), never the framing.
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

    /** The application protocols it speaks over TLS, in the order it prefers them. */
    public static final java.util.List<String> ALPN = java.util.List.of("h2", "http/1.1");

    private static final byte[] PREFACE = Http2Connection.preface();

    private final HttpService service;
    private final int maxRequests;
    private final ConnectionInfo connection;
    private final Http2Limits limits;
    /** The framing, once chosen. */
    private Protocol framing;
    private Transport transport;
    /** Clear text's first bytes while they may still be HTTP/2's preface. */
    private byte[] sniffed;

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
        this(service, maxRequests, connection, Http2Limits.DEFAULTS);
    }

    /** @param limits what an HTTP/2 peer is allowed (its defences' limits) */
    public HttpProtocol(HttpService service, int maxRequests, ConnectionInfo connection, Http2Limits limits) {
        this.service = service;
        this.limits = limits;
        this.maxRequests = maxRequests;
        this.connection = connection;
        String alpn = connection == null ? null : connection.applicationProtocol();
        if ("h2".equals(alpn)) {
            framing = http2();
        } else if (alpn != null) {
            framing = http1(); // http/1.1 by ALPN
        }
    }

    private Protocol http1() {
        return new Http1Connection(service, maxRequests, Long.MAX_VALUE,
                connection == null ? null : connection.applicationProtocol());
    }

    private Protocol http2() {
        return new Http2Connection(service, limits, connection == null ? null : connection.applicationProtocol(),
                connection == null ? org.iolab.protocol.Counters.NONE : connection.counters());
    }

    /** A protocol per connection serving {@code service}. */
    public static ProtocolFactory factory(HttpService service) {
        return info -> new HttpProtocol(service, MAX_REQUESTS, info);
    }

    /**
     * {@code service} as a server's application: HTTP/2 and HTTP/1.1 offered by ALPN over TLS
     * ({@code h2} first), the request deadline's 408 ({@link #TIMEOUT_REPLY}) for an HTTP/1.1
     * head not complete within the line timeout.
     */
    public static Application.Tcp application(HttpService service) {
        return application(service, Http2Limits.DEFAULTS);
    }

    /** {@link #application(HttpService)} with HTTP/2's limits of your own. */
    public static Application.Tcp application(HttpService service, Http2Limits limits) {
        return Application.tcp(info -> new HttpProtocol(service, MAX_REQUESTS, info, limits)).requests(TIMEOUT_REPLY).alpn(ALPN);
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        if (framing != null) {
            framing.connectionMade(t);
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (framing == null) {
            data = sniff(data);
            if (data == null) {
                return; // still the preface's first bytes
            }
        }
        framing.dataReceived(data);
    }

    /**
     * Clear text: HTTP/2 when the bytes are its preface (3.4), HTTP/1.1 at the first byte that is
     * not; the bytes held meanwhile, with {@code data}'s, for the framing chosen. {@code null}
     * while it cannot tell yet.
     */
    private ByteBuffer sniff(ByteBuffer data) {
        byte[] preface = PREFACE;
        int held = sniffed == null ? 0 : sniffed.length;
        int i = 0;
        boolean matching = true;
        while (matching && held + i < preface.length && data.position() + i < data.limit()) {
            matching = data.get(data.position() + i) == preface[held + i];
            i++;
        }
        if (matching && held + i < preface.length) { // all of it so far is the preface's start
            byte[] more = new byte[held + i];
            if (held > 0) {
                System.arraycopy(sniffed, 0, more, 0, held);
            }
            data.get(more, held, i);
            sniffed = more;
            return null;
        }
        framing = matching ? http2() : http1();
        framing.connectionMade(transport);
        if (held == 0) {
            return data;
        }
        ByteBuffer all = ByteBuffer.allocate(held + data.remaining()).put(sniffed).put(data).flip();
        sniffed = null;
        return all;
    }

    @Override
    public void writabilityChanged(boolean writable) {
        if (framing != null) {
            framing.writabilityChanged(writable);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        if (framing != null) {
            framing.connectionLost(cause);
        }
    }

    @Override
    public boolean stopRequested() {
        return framing != null && framing.stopRequested();
    }
}
