package org.iolab.apps.http;

import java.nio.ByteBuffer;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;

/**
 * HTTP/1.1 with keep-alive and pipelining on the Protocol API, so on every engine: every request
 * a read brings is parsed and handed to the {@link HttpRoutes} in order, and the answers leave in
 * one write per read. The {@code http} app runs it with {@link DemoRoutes}; the admin page with
 * its own routes.
 *
 * <p>A request the parser refuses gets its status (400, 413, 414, 431, 501, 505) and the
 * connection closes. A request not complete within the line timeout gets 408 and a close (the
 * engine's request deadline, see {@code Application.Tcp.requests}); between requests the idle
 * timeout is the keep-alive timeout. {@code Connection: close}, HTTP/1.0 without keep-alive, and
 * the per-connection request cap end the connection after their answer. A route that streams
 * (server-sent events) keeps the connection; nothing more is read from it.
 *
 * <p>Thread rule: one per connection; its callbacks run one at a time.
 */
public final class HttpProtocol implements Protocol, HttpParser.Handler {

    /**
     * What a client gets when its request is not complete within the line timeout (a slowloris
     * sending one header line at a time), before the close.
     */
    public static final byte[] TIMEOUT_REPLY = Bytes.ascii("HTTP/1.1 408 Request Timeout\r\nServer: iolab\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 16\r\nConnection: close\r\n\r\nRequest Timeout\n");

    /** Requests one connection may make before it is closed (after the answer). */
    public static final int MAX_REQUESTS = 100_000;

    private static final byte[] NO_ANSWER = Bytes.ascii("500 Internal Server Error");
    private static final byte[] NO_ANSWER_BODY = Bytes.ascii("the route gave no answer\n");

    private final HttpParser parser = new HttpParser();
    private final ResponseWriter out = new ResponseWriter();
    private final HttpReply reply = new HttpReply(out);
    private final HttpRoutes routes;
    private final int maxRequests;
    private Transport transport;
    private int served;
    private boolean closing;
    private boolean streaming;

    /** The {@code http} app: {@link DemoRoutes}. */
    public HttpProtocol() {
        this(new DemoRoutes(), MAX_REQUESTS);
    }

    /** @param maxRequests requests a connection may make before it is closed */
    public HttpProtocol(HttpRoutes routes, int maxRequests) {
        this.routes = routes;
        this.maxRequests = maxRequests;
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (closing || streaming) {
            data.position(data.limit());
            return;
        }
        parser.feed(data, this);
        transport.requestPending(!closing && !streaming && parser.inRequest()); // the request deadline
        if (!out.isEmpty()) {
            transport.write(out.drain()); // one write for the whole batch
        }
        if (closing) {
            transport.close();
        }
    }

    @Override
    public boolean request(HttpRequest r) {
        served++;
        boolean last = !r.keepAlive() || served >= maxRequests;
        reply.reset(transport, r.methodIs(DemoRoutes.HEAD), last ? ResponseWriter.Connection.CLOSE
                : r.http11() ? ResponseWriter.Connection.NONE : ResponseWriter.Connection.KEEP_ALIVE);
        routes.answer(r, reply);
        if (reply.streaming()) {
            streaming = true;
            return false;
        }
        if (!reply.answered()) {
            reply.send(NO_ANSWER, DemoRoutes.TEXT, NO_ANSWER_BODY, NO_ANSWER_BODY.length, null);
        }
        closing = last;
        return !last;
    }

    @Override
    public void error(int status, String reason) {
        byte[] line = Bytes.ascii(status + " " + reason);
        byte[] body = Bytes.ascii(reason + "\n");
        out.response(line, DemoRoutes.TEXT, body, body.length, true, ResponseWriter.Connection.CLOSE, null);
        closing = true;
    }

    @Override
    public void connectionLost(Throwable cause) {
        closing = true;
    }
}
