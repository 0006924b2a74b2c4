package org.iolab.apps.http;

import java.nio.ByteBuffer;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;

/**
 * HTTP/1.1 with keep-alive and pipelining on the Protocol API, so on every engine: every request
 * a read brings is parsed ({@link HttpParser}, by RFC 9112) and handed to the {@link HttpRoutes}
 * in order, and the answers leave in one write per read. The {@code http} app runs it with
 * {@link DemoRoutes}; the admin page with its own routes.
 *
 * <ul>
 * <li>A body comes whole to {@link HttpRoutes#answer}, or, to a route that asks for it
 *     ({@link HttpRoutes#stream}), as it arrives; its answer's writes go out with each read's,
 *     and the engine stops reading while they wait above the high-water mark, so a client that
 *     uploads without reading its answer is slowed, in bounded memory.
 * <li>{@code Expect: 100-continue}: {@code 100 Continue} once the head is read, before the body
 *     (curl waits a second for it otherwise); another expectation 417.
 * <li>{@code OPTIONS *}: 200 with {@code Allow}.
 * <li>A refused request gets its status (400, 413, 414, 417, 431, 501, 505), then a lingering
 *     close ({@link Transport#closeLingering}): the client reads the answer even while it is
 *     still sending, and nothing more of what it sends is read.
 * <li>A request whose head is not complete within the line timeout gets 408 (the engine's request
 *     deadline, see {@code Application.Tcp.requests}); a body, and the time between requests, are
 *     timed by the idle timeout (the keep-alive timeout, 60 s by default for the http app).
 *     {@code Connection: close}, HTTP/1.0 without keep-alive, and the per-connection request cap
 *     end the connection after their answer.
 * <li>A route that streams an endless answer (server-sent events) keeps the connection; nothing
 *     more is read from it.
 * </ul>
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
    private static final byte[] CONTINUE = Bytes.ascii("HTTP/1.1 100 Continue\r\n\r\n");
    private static final byte[] OPTIONS = Bytes.ascii("OPTIONS");
    private static final byte[] SERVER_ALLOWS = Bytes.ascii("GET, HEAD, POST, OPTIONS");
    private static final byte[] EMPTY = new byte[0];

    private final HttpParser parser;
    private final ResponseWriter out = new ResponseWriter();
    private final HttpReply reply = new HttpReply(out);
    private final HttpRoutes routes;
    private final int maxRequests;
    private Transport transport;
    private HttpRoutes.BodySink sink;
    private int served;
    private boolean closing;
    private boolean lingering;
    private boolean streaming;
    /** The protocol the connection switched to (a WebSocket), which gets everything from then on. */
    private Protocol upgraded;

    /** The {@code http} app: {@link DemoRoutes}, bodies up to {@link HttpParser#MAX_BODY}. */
    public HttpProtocol() {
        this(new DemoRoutes(), MAX_REQUESTS, HttpParser.MAX_BODY);
    }

    /** Serves {@code routes}, with the http app's limits (requests per connection, body size). */
    public HttpProtocol(HttpRoutes routes) {
        this(routes, MAX_REQUESTS, HttpParser.MAX_BODY);
    }

    /** @param maxRequests requests a connection may make before it is closed */
    public HttpProtocol(HttpRoutes routes, int maxRequests) {
        this(routes, maxRequests, HttpParser.MAX_BODY);
    }

    /** @param maxBody the largest request body, {@code Long.MAX_VALUE} for none (a streaming route's memory stays bounded) */
    public HttpProtocol(HttpRoutes routes, int maxRequests, long maxBody) {
        this.routes = routes;
        this.maxRequests = maxRequests;
        this.parser = new HttpParser(maxBody);
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (upgraded != null) {
            upgraded.dataReceived(data);
            return;
        }
        if (closing || streaming) {
            data.position(data.limit());
            return;
        }
        parser.feed(data, this);
        transport.requestPending(!closing && !streaming && upgradedTo() == null && parser.inHead()); // the head's deadline
        if (!out.isEmpty()) {
            transport.write(out.drain()); // one write for the whole batch
        }
        Protocol next = upgradedTo();
        if (next != null) { // the 101 is out: the rest is the new protocol's
            upgraded = next;
            next.connectionMade(transport);
            ByteBuffer rest = parser.remainder();
            if (rest.hasRemaining()) {
                next.dataReceived(rest);
            }
            return;
        }
        if (lingering) {
            transport.closeLingering();
        } else if (closing) {
            transport.close();
        }
    }

    @Override
    public boolean head(HttpRequest r) {
        served++;
        boolean last = !r.keepAlive() || served >= maxRequests;
        reply.reset(transport, r.methodIs(DemoRoutes.HEAD), last ? ResponseWriter.Connection.CLOSE
                : r.http11() ? ResponseWriter.Connection.NONE : ResponseWriter.Connection.KEEP_ALIVE);
        sink = r.form() == HttpRequest.Form.ORIGIN || r.form() == HttpRequest.Form.ABSOLUTE ? routes.stream(r, reply) : null;
        return sink != null;
    }

    @Override
    public void continueExpected() {
        out.raw(CONTINUE); // interim, in order: it leaves with this read's answers, before the body is sent
    }

    @Override
    public void body(ByteBuffer data) {
        sink.data(data);
    }

    @Override
    public boolean bodyEnd(HttpRequest r) {
        HttpRoutes.BodySink s = sink;
        sink = null;
        s.end();
        return answered(r);
    }

    @Override
    public boolean request(HttpRequest r) {
        if (r.form() == HttpRequest.Form.ASTERISK) { // OPTIONS *: what the server as a whole allows (RFC 9110 9.3.7)
            reply.send(HttpReply.OK, DemoRoutes.TEXT, EMPTY, 0, SERVER_ALLOWS);
        } else if (r.form() == HttpRequest.Form.AUTHORITY) { // CONNECT: this is no proxy
            reply.send(DemoRoutes.NOT_ALLOWED, DemoRoutes.TEXT, DemoRoutes.NOT_ALLOWED_BODY,
                    DemoRoutes.NOT_ALLOWED_BODY.length, SERVER_ALLOWS);
        } else {
            routes.answer(r, reply);
        }
        return answered(r);
    }

    private Protocol upgradedTo() {
        return reply.upgradedTo();
    }

    /** The request's answer is given (or the connection streamed); whether to read the next request. */
    private boolean answered(HttpRequest r) {
        if (reply.upgradedTo() != null) {
            return false; // the connection is another protocol's from here
        }
        if (reply.streaming()) {
            streaming = true;
            return false;
        }
        if (!reply.answered()) {
            reply.send(NO_ANSWER, DemoRoutes.TEXT, NO_ANSWER_BODY, NO_ANSWER_BODY.length, null);
        }
        closing = !r.keepAlive() || served >= maxRequests;
        return !closing;
    }

    @Override
    public void error(int status, String reason) {
        if (sink != null && reply.answered()) {
            sink = null; // a streamed answer has begun: no status can follow it, only the close
        } else {
            byte[] line = Bytes.ascii(status + " " + reason);
            byte[] body = Bytes.ascii(reason + "\n");
            out.response(line, DemoRoutes.TEXT, body, body.length, true, ResponseWriter.Connection.CLOSE, null);
        }
        closing = true;
        lingering = true;
    }

    @Override
    public void writabilityChanged(boolean writable) {
        if (upgraded != null) {
            upgraded.writabilityChanged(writable);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        closing = true;
        if (upgraded != null) {
            upgraded.connectionLost(cause);
        }
    }

    /** Whether {@code r} is {@code OPTIONS} (for routes that answer it). */
    static boolean isOptions(HttpRequest r) {
        return r.methodIs(OPTIONS);
    }
}
