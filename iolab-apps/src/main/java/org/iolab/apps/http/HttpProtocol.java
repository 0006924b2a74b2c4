package org.iolab.apps.http;

import java.nio.ByteBuffer;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;

/**
 * The {@code http} app: HTTP/1.1 with keep-alive and pipelining on the Protocol API, so on every
 * engine. Every request a read brings is parsed and answered in order, and the answers leave in
 * one write per read. Routes:
 * <ul>
 *   <li>{@code GET /plaintext}: {@code Hello, World!}, as TechEmpower's plaintext test asks
 *       (Server and Date headers, the date made at most once a second);</li>
 *   <li>{@code GET /json}: {@code {"message":"Hello, World!"}};</li>
 *   <li>{@code POST /echo}: the body upper-cased (the lab's upper app over HTTP);</li>
 *   <li>HEAD for the GET routes; 405 (with Allow) for another method on a known path; 404.</li>
 * </ul>
 * A request the parser refuses gets its status (400, 413, 414, 431, 501, 505) and the connection
 * closes. A request not complete within the line timeout gets 408 and a close (the engine's
 * request deadline, see {@code Application.Tcp.requests}); between requests the idle timeout
 * is the keep-alive timeout. {@code Connection: close}, HTTP/1.0 without keep-alive, and the per-connection request
 * cap end the connection after their response.
 *
 * <p>Thread rule: one per connection; its callbacks run one at a time.
 */
public final class HttpProtocol implements Protocol, HttpParser.Handler {

    /**
     * What a client gets when its request is not complete within the line timeout (a slowloris
     * sending one header line at a time), before the close.
     */
    public static final byte[] TIMEOUT_REPLY = HttpParser.ascii("HTTP/1.1 408 Request Timeout\r\nServer: iolab\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 16\r\nConnection: close\r\n\r\nRequest Timeout\n");

    /** Requests one connection may make before it is closed (after the answer). */
    public static final int MAX_REQUESTS = 100_000;

    static final byte[] HELLO = HttpParser.ascii("Hello, World!");
    static final byte[] JSON = HttpParser.ascii("{\"message\":\"Hello, World!\"}");
    private static final byte[] OK = HttpParser.ascii("200 OK");
    private static final byte[] NOT_FOUND = HttpParser.ascii("404 Not Found");
    private static final byte[] NOT_ALLOWED = HttpParser.ascii("405 Method Not Allowed");
    private static final byte[] TEXT = HttpParser.ascii("text/plain");
    private static final byte[] JSON_TYPE = HttpParser.ascii("application/json");
    private static final byte[] GET = HttpParser.ascii("GET");
    private static final byte[] HEAD = HttpParser.ascii("HEAD");
    private static final byte[] POST = HttpParser.ascii("POST");
    private static final byte[] PLAINTEXT_PATH = HttpParser.ascii("/plaintext");
    private static final byte[] JSON_PATH = HttpParser.ascii("/json");
    private static final byte[] ECHO_PATH = HttpParser.ascii("/echo");
    private static final byte[] GET_HEAD = HttpParser.ascii("GET, HEAD");
    private static final byte[] POST_ONLY = HttpParser.ascii("POST");
    private static final byte[] NOT_FOUND_BODY = HttpParser.ascii("Not Found\n");
    private static final byte[] NOT_ALLOWED_BODY = HttpParser.ascii("Method Not Allowed\n");

    private final HttpParser parser = new HttpParser();
    private final ResponseWriter out = new ResponseWriter();
    private final int maxRequests;
    private Transport transport;
    private int served;
    private boolean closing;

    public HttpProtocol() {
        this(MAX_REQUESTS);
    }

    /** @param maxRequests requests a connection may make before it is closed */
    public HttpProtocol(int maxRequests) {
        this.maxRequests = maxRequests;
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (closing) {
            data.position(data.limit());
            return;
        }
        parser.feed(data, this);
        transport.requestPending(!closing && parser.inRequest()); // the request deadline runs while one is open
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
        ResponseWriter.Connection connection = last ? ResponseWriter.Connection.CLOSE
                : r.http11() ? ResponseWriter.Connection.NONE : ResponseWriter.Connection.KEEP_ALIVE;
        boolean head = r.methodIs(HEAD);
        if (r.pathIs(PLAINTEXT_PATH) || r.pathIs(JSON_PATH)) {
            boolean json = r.pathIs(JSON_PATH);
            if (head || r.methodIs(GET)) {
                byte[] body = json ? JSON : HELLO;
                out.response(OK, json ? JSON_TYPE : TEXT, body, body.length, !head, connection, null);
            } else {
                out.response(NOT_ALLOWED, TEXT, NOT_ALLOWED_BODY, NOT_ALLOWED_BODY.length, true, connection, GET_HEAD);
            }
        } else if (r.pathIs(ECHO_PATH)) {
            if (r.methodIs(POST)) {
                out.response(OK, TEXT, r.body(), r.bodyLength(), true, connection, null);
                upperCase(out.array(), out.length() - r.bodyLength(), out.length());
            } else {
                out.response(NOT_ALLOWED, TEXT, NOT_ALLOWED_BODY, NOT_ALLOWED_BODY.length, !head, connection, POST_ONLY);
            }
        } else {
            out.response(NOT_FOUND, TEXT, NOT_FOUND_BODY, NOT_FOUND_BODY.length, !head, connection, null);
        }
        closing = last;
        return !last;
    }

    @Override
    public void error(int status, String reason) {
        byte[] line = HttpParser.ascii(status + " " + reason);
        byte[] body = HttpParser.ascii(reason + "\n");
        out.response(line, TEXT, body, body.length, true, ResponseWriter.Connection.CLOSE, null);
        closing = true;
    }

    @Override
    public void connectionLost(Throwable cause) {
        closing = true;
    }

    private static void upperCase(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] >= 'a' && b[i] <= 'z') {
                b[i] -= 32;
            }
        }
    }
}
