package org.iolab.apps.http;

/**
 * The {@code http} app's routes: {@code GET /plaintext} ({@code Hello, World!}, as TechEmpower's
 * plaintext test asks), {@code GET /json}, {@code POST /echo} (the body upper-cased as it
 * arrives, answered chunked: a body of any size in constant memory, the lab's upper app over
 * HTTP), HEAD for the GET routes, OPTIONS on every path (200 with Allow), 405 with Allow for
 * another method on these paths, 404 elsewhere.
 *
 * <p>Thread rule: stateless.
 */
public final class DemoRoutes implements HttpRoutes {

    static final byte[] HELLO = Bytes.ascii("Hello, World!");
    static final byte[] JSON = Bytes.ascii("{\"message\":\"Hello, World!\"}");
    public static final byte[] NOT_FOUND = Bytes.ascii("404 Not Found");
    public static final byte[] NOT_ALLOWED = Bytes.ascii("405 Method Not Allowed");
    public static final byte[] TEXT = Bytes.ascii("text/plain");
    private static final byte[] JSON_TYPE = Bytes.ascii("application/json");
    public static final byte[] GET = Bytes.ascii("GET");
    public static final byte[] HEAD = Bytes.ascii("HEAD");
    private static final byte[] POST = Bytes.ascii("POST");
    private static final byte[] PLAINTEXT_PATH = Bytes.ascii("/plaintext");
    private static final byte[] JSON_PATH = Bytes.ascii("/json");
    private static final byte[] ECHO_PATH = Bytes.ascii("/echo");
    public static final byte[] GET_HEAD = Bytes.ascii("GET, HEAD, OPTIONS");
    private static final byte[] POST_ONLY = Bytes.ascii("POST, OPTIONS");
    private static final byte[] GET_HEAD_OPTIONS = GET_HEAD;
    private static final byte[] POST_OPTIONS = POST_ONLY;
    private static final byte[] NONE = new byte[0];
    public static final byte[] NOT_FOUND_BODY = Bytes.ascii("Not Found\n");
    public static final byte[] NOT_ALLOWED_BODY = Bytes.ascii("Method Not Allowed\n");

    /** POST /echo takes its body as it arrives: each piece upper-cased and sent on as a chunk. */
    @Override
    public BodySink stream(HttpRequest r, HttpReply reply) {
        if (!r.pathIs(ECHO_PATH) || !r.methodIs(POST)) {
            return null;
        }
        return new BodySink() { // the answer begins with the first bytes: a refusal before them keeps its status
            private boolean begun;

            @Override
            public void data(java.nio.ByteBuffer chunk) {
                begin();
                org.iolab.apps.Upper.inPlace(chunk);
                reply.chunk(chunk);
            }

            @Override
            public void end() {
                begin();
                reply.endChunks();
            }

            private void begin() {
                if (!begun) {
                    begun = true;
                    reply.startChunked(TEXT);
                }
            }
        };
    }

    @Override
    public void answer(HttpRequest r, HttpReply reply) {
        if (HttpProtocol.isOptions(r)) {
            byte[] allow = r.pathIs(ECHO_PATH) ? POST_OPTIONS : r.pathIs(PLAINTEXT_PATH) || r.pathIs(JSON_PATH)
                    ? GET_HEAD_OPTIONS : null;
            if (allow != null) {
                reply.send(HttpReply.OK, TEXT, NONE, 0, allow);
                return;
            }
        }
        boolean readOnly = r.methodIs(GET) || r.methodIs(HEAD);
        if (r.pathIs(PLAINTEXT_PATH)) {
            readOnly(r, reply, readOnly, HELLO, TEXT);
        } else if (r.pathIs(JSON_PATH)) {
            readOnly(r, reply, readOnly, JSON, JSON_TYPE);
        } else if (r.pathIs(ECHO_PATH)) { // POST streams (see stream)
            reply.send(NOT_ALLOWED, TEXT, NOT_ALLOWED_BODY, NOT_ALLOWED_BODY.length, POST_ONLY);
        } else {
            reply.send(NOT_FOUND, TEXT, NOT_FOUND_BODY, NOT_FOUND_BODY.length, null);
        }
    }

    private static void readOnly(HttpRequest r, HttpReply reply, boolean allowed, byte[] body, byte[] type) {
        if (allowed) {
            reply.ok(type, body, body.length);
        } else {
            reply.send(NOT_ALLOWED, TEXT, NOT_ALLOWED_BODY, NOT_ALLOWED_BODY.length, GET_HEAD);
        }
    }
}
