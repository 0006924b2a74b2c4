package org.iolab.apps.http.h1;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.iolab.apps.http.BodyHandler;
import org.iolab.apps.http.CallbackEdges;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.HttpService;
import org.iolab.apps.http.RouteFailures;
import org.iolab.apps.http.Status;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;

/**
 * HTTP/1.1 on one connection, with keep-alive and pipelining: every request a read brings is
 * parsed ({@link HttpParser}, by RFC 9112), routed by the {@link HttpService}, and answered in
 * request order, the answers of one read leaving in one write.
 *
 * <ul>
 * <li>A body comes whole, up to its route's limit (413 past it, before it is read), or streams
 *     to a route that asks; an answer streamed as the body arrives leaves with each read's, and
 *     the engine stops reading while it waits above the high-water mark.
 * <li>Answers given later ({@link HttpReply#later}) still leave in request order: a ready answer
 *     waits for those owed before it; past {@value #MAX_OWED} answers owed the connection stops
 *     reading until some have gone.
 * <li>A route that throws before answering gets 500 and the connection goes on; one that
 *     throws after a streamed answer began has the connection cut (the client sees it whole
 *     never).
 * <li>{@code Expect: 100-continue}: {@code 100 Continue} once the head is read, before the
 *     body; another expectation 417. {@code OPTIONS *}: 200 with {@code Allow}; CONNECT: 405.
 * <li>A refused request gets its status (400, 413, 414, 417, 431, 501, 505), then a lingering
 *     close ({@link Transport#closeLingering}): the client reads the answer while still sending.
 * <li>{@code Connection: close}, HTTP/1.0 without keep-alive, and the per-connection request cap
 *     end the connection after their answer; a 101 hands it to another protocol.
 * </ul>
 *
 * <p>Thread rule: one per connection; its callbacks, and the tasks it hands itself through
 * {@link Transport#execute}, run one at a time.
 *
 * <p>Over 300 lines on purpose: one connection's reading side, whose parser callbacks share the exchange being parsed; the order of answers ({@code Owed}), an answer's bytes ({@code Exchange}, {@code ResponseWriter}) and what the framing answers itself ({@code ServerRoutes}) are apart.
 */
public final class Http1Connection implements Protocol, HttpParser.Handler {

    /** Answers owed at once (answered later, or streaming) before the connection stops reading. */
    static final int MAX_OWED = 16;

    private final HttpService service;
    private final HttpParser parser;
    private final int maxRequests;
    private final String applicationProtocol;
    private final ResponseWriter out = new ResponseWriter();
    /** The exchange reused while nothing is owed: a request allocates nothing. */
    private final Exchange reusable = new Exchange(this);
    /** Answers not yet gone, in request order; the head writes straight into {@link #out}. */
    private final Owed owed = new Owed();
    private Transport transport;
    private final CallbackEdges edges = new CallbackEdges(this::leaving);
    private Exchange current;
    /** Whether {@link #current} is a request still being handled (its head came, its route has not returned). */
    private boolean inRequest;
    private HttpService.Route route;
    private BodyHandler.Sink sink;
    private int served;
    /** No more requests are read: the last one came, one was refused, or the connection switched. */
    private boolean stopped;
    private boolean lingering;
    private boolean paused;
    private boolean ended;
    private Protocol switchingTo;
    private Protocol upgraded;

    /**
     * @param maxRequests requests a connection may make before it is closed (after the answer)
     * @param maxBody the largest body of any route, {@code Long.MAX_VALUE} for the routes' own limits alone
     * @param applicationProtocol what ALPN chose over TLS, or {@code null}
     */
    public Http1Connection(HttpService service, int maxRequests, long maxBody, String applicationProtocol) {
        this.service = service;
        this.maxRequests = maxRequests;
        this.parser = new HttpParser(maxBody);
        this.applicationProtocol = applicationProtocol;
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        edges.bind(t);
        parser.connection(t.remoteAddress() instanceof InetSocketAddress a ? a : null, applicationProtocol);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (upgraded != null) {
            upgraded.dataReceived(data);
            return;
        }
        edges.enter();
        try {
            if (stopped) {
                data.position(data.limit());
                return;
            }
            parser.feed(data, this);
            transport.requestPending(!stopped && parser.inHead()); // the head's deadline
        } finally {
            if (edges.leave()) {
                try {
                    leaving();
                } finally {
                    edges.left();
                }
            }
        }
    }

    // ---- the parser's news

    @Override
    public long head(HttpRequest r) {
        RequestFacts f = parser.facts();
        served++;
        boolean last = !f.keepAlive || served >= maxRequests;
        Exchange ex = owed.isEmpty() ? reusable : new Exchange(this);
        ex.reset(f.head, last ? ResponseWriter.Connection.CLOSE
                : f.http11 ? ResponseWriter.Connection.NONE : ResponseWriter.Connection.KEEP_ALIVE);
        owed.add(ex);
        // references written only when they change: a store into an old object costs a GC barrier
        if (current != ex) {
            current = ex;
        }
        inRequest = true;
        if (sink != null) {
            sink = null;
        }
        HttpService.Route chosen = switch (f.form) {
            case ORIGIN, ABSOLUTE -> routeOf(r, ex.reply);
            case ASTERISK -> ServerRoutes.ASTERISK; // OPTIONS *: what the server as a whole allows (RFC 9110 9.3.7)
            case AUTHORITY -> ServerRoutes.CONNECT; // this is no proxy
        };
        if (route != chosen) {
            route = chosen;
        }
        return chosen.maxBody();
    }

    private HttpService.Route routeOf(HttpRequest r, HttpReply reply) {
        try {
            return service.route(r, reply);
        } catch (RuntimeException e) {
            reply.fail(e);
            return ServerRoutes.ASTERISK; // never called: the reply is answered
        }
    }

    @Override
    public boolean begin(HttpRequest r) {
        if (!route.streamsBody() || current.reply.isAnswered()) {
            return route.streamsBody();
        }
        try {
            sink = route.open(r, current.reply);
        } catch (Exception | StackOverflowError e) {
            current.reply.fail(e);
            sink = ServerRoutes.DISCARD;
        }
        return true;
    }

    @Override
    public void continueExpected() {
        if (atHead(current)) {
            out.interimContinue(); // in order: an interim answer before an earlier final one would be taken for it
        }
    }

    @Override
    public void body(ByteBuffer data) {
        try {
            sink.data(data);
        } catch (Exception | StackOverflowError e) {
            current.reply.fail(e);
            sink = ServerRoutes.DISCARD;
        }
    }

    @Override
    public boolean bodyEnd(HttpRequest r) {
        try {
            sink.end();
        } catch (Exception | StackOverflowError e) {
            current.reply.fail(e);
        }
        sink = null;
        return routeReturned();
    }

    @Override
    public boolean request(HttpRequest r) {
        if (!current.reply.isAnswered()) {
            try {
                route.handle(r, current.reply);
            } catch (Exception | StackOverflowError e) {
                current.reply.fail(e);
            }
        }
        return routeReturned();
    }

    /** The route is done with its request; whether to parse the next. */
    private boolean routeReturned() {
        Exchange ex = current;
        inRequest = false;
        ex.reply.routeReturned(); // 500 if it neither answered nor said it answers later
        if (switchingTo != null || ex.closing == ResponseWriter.Connection.CLOSE) {
            stopped = true;
            return false;
        }
        if (owed.size() >= MAX_OWED) {
            parser.suspend();
            transport.pauseReading();
            paused = true;
        }
        return true;
    }

    @Override
    public void error(Status status) {
        Exchange ex = inRequest ? current : null;
        stopped = true;
        lingering = true;
        if (ex != null && ex.reply.isAnswered()) {
            owed.clear(); // a streamed answer has begun: no status can follow it, only the close, unfinished
            return;
        }
        if (ex == null) {
            ex = owed.isEmpty() ? reusable : new Exchange(this);
            owed.add(ex);
        }
        ex.reset(false, ResponseWriter.Connection.CLOSE);
        inRequest = false;
        ex.reply.status(status).contentType("text/plain").send((status.reason() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    // ---- the exchanges' side

    boolean atHead(Exchange ex) {
        return owed.atHead(ex);
    }

    ResponseWriter output() {
        return out;
    }

    /** {@code ex}'s answer is whole. */
    void answered(Exchange ex) {
        owed.answered(ex);
    }

    /** A 101 is out: after this callback the connection is {@code next}'s. */
    void upgradeTo(Protocol next) {
        switchingTo = next;
        stopped = true;
    }

    /** A streamed answer is cut off: the connection with it. */
    void cut() {
        stopped = true;
        transport.abort();
    }

    /** Its callbacks' edges: tasks onto its thread, blocking work off it, for its exchanges' answers. */
    CallbackEdges edges() {
        return edges;
    }

    /** Its transport: whether it takes more, what it holds unsent. */
    Transport transport() {
        return transport;
    }

    boolean open() {
        return !ended && transport.isOpen();
    }

    // ---- callbacks' edges

    /** Leaving the outermost callback: the gathered answers go in one write, then what they decided. */
    private void leaving() {
        if (paused && owed.size() < MAX_OWED && !stopped) {
            paused = false;
            transport.resumeReading();
            if (parser.suspended()) {
                parser.resume(this);
            }
        }
        if (!out.isEmpty()) {
            transport.write(out.drain());
        }
        if (switchingTo != null && upgraded == null && owed.isEmpty()) {
            switchProtocols();
        } else if (stopped && owed.isEmpty() && upgraded == null && !ended) {
            ended = true;
            if (lingering) {
                transport.closeLingering();
            } else {
                transport.close();
            }
        }
    }

    private void switchProtocols() {
        upgraded = switchingTo;
        upgraded.connectionMade(transport);
        ByteBuffer rest = parser.remainder();
        if (rest.hasRemaining()) {
            upgraded.dataReceived(rest);
        }
    }

    @Override
    public void writabilityChanged(boolean writable) {
        if (upgraded != null) {
            upgraded.writabilityChanged(writable);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        ended = true;
        stopped = true;
        if (sink != null) { // the body will not end
            BodyHandler.Sink lost = sink;
            sink = null;
            RouteFailures.aborted(lost);
        }
        if (upgraded != null) {
            upgraded.connectionLost(cause);
        }
    }
}
