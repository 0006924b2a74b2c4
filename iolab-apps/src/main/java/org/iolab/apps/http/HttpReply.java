package org.iolab.apps.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.protocol.Protocol;

/**
 * The answer to one request, whichever framing carries it: a status, header fields, and content
 * (text, bytes, JSON, or a stream), given exactly once. What cannot be sent safely is refused at
 * the call, never written: a field name that is not a token, a value with CR, LF or NUL (no
 * response splitting), a field the framing owns (Content-Length, Transfer-Encoding, Connection),
 * content on a 1xx, 204 or 304 (which carry no Content-Length either), a second answer.
 *
 * <pre>{@code
 * reply.send("hello\n");                                         // 200, text/plain; charset=utf-8
 * reply.status(Status.CREATED).header("Location", "/items/7").json(item);
 * reply.status(404).send();                                      // Content-Length: 0
 * BodyWriter out = reply.contentType("text/csv").stream();       // chunked on HTTP/1.1
 * }</pre>
 *
 * <p><b>Answering later.</b> A route that answers after it returns says so first with
 * {@link #later}; it may then answer from any thread, and a pipelined connection's answers still
 * leave in request order. A route that returns without answering, and without {@code later()},
 * gets 500 for it; one that throws before answering gets 500 too (and {@link #fail} is the same
 * for work done elsewhere). A HEAD request's answer is sent without its content (its
 * Content-Length kept).
 *
 * <p><b>Thread rule.</b> The route's thread while it runs; after {@link #later}, any thread,
 * one at a time. The content given is the reply's from the call on (a byte array is not copied:
 * do not change it after).
 *
 * <p>Over 300 lines for its Javadoc: it is the API a route writes against, and says what each call promises; the checked head is apart ({@code ReplyHead}), and so is a stream written from other threads.
 */
public final class HttpReply {

    private static final System.Logger LOG = System.getLogger(HttpReply.class.getName());
    private static final int OPEN = 0;
    private static final int LATER = 1;
    private static final int DONE = 2;
    private static final VarHandle STATE;
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String BYTES = "application/octet-stream";
    private static final String JSON = "application/json";

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(HttpReply.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Responder responder;
    /** OPEN, LATER or DONE; read with acquire, moved by compare-and-set but where only this connection's thread can be at it. */
    private int state;
    private final ReplyHead head = new ReplyHead();
    private JsonMapper json;
    /** What answered it, for the message of a second answer. */
    private String answeredBy;
    /** The route itself said {@link #later} (not only its blocking call, {@link #handOff}). */
    private boolean saidLater;
    /** A streamed answer's writer, until it ends. */
    private BodyWriter stream;

    /** A reply sent through {@code responder} (a framing's). */
    public HttpReply(Responder responder) {
        this.responder = responder;
    }

    // ---- what the answer is

    /**
     * The status (200 unless told). A 1xx is the server's own: 100 Continue is sent for you, and
     * 101 by {@link #upgrade}.
     *
     * @throws IllegalArgumentException for a 1xx
     */
    public HttpReply status(Status s) {
        open("set the status");
        head.status(s);
        return this;
    }

    /** {@link #status(Status)} by number: {@code reply.status(404)}. */
    public HttpReply status(int code) {
        return status(Status.of(code));
    }

    /**
     * Adds a header field (a repeated name sends a line each).
     *
     * @throws IllegalArgumentException for a name that is not a token, a value with CR, LF, NUL
     *     or another control character, or a field the framing writes itself (Content-Length,
     *     Transfer-Encoding, Connection, Upgrade...)
     */
    public HttpReply header(String name, String value) {
        open("add a header");
        head.add(name, value);
        return this;
    }

    /** The content's type ({@code text/html; charset=utf-8}); checked as a header value is. */
    public HttpReply contentType(String type) {
        open("set the content type");
        head.contentType(type);
        return this;
    }

    // ---- answering, once

    /** The answer without content ({@code Content-Length: 0}, or none for 204 and 304). */
    public void send() {
        finish(null, "send()");
    }

    /** {@code text} as UTF-8 ({@code text/plain; charset=utf-8} unless a type was set). */
    public void send(String text) {
        defaultType(TEXT);
        finish(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), "send(String)");
    }

    /** {@code body} ({@code application/octet-stream} unless a type was set); the array is the reply's from now on. */
    public void send(byte[] body) {
        send(body, 0, body.length);
    }

    /** {@code length} bytes of {@code body} from {@code offset}. */
    public void send(byte[] body, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, body.length);
        defaultType(BYTES);
        if (length > 0 && !head.status().allowsContent()) {
            throw noContent();
        }
        claim("send(byte[])");
        if (responder.onConnectionThread()) {
            responder.send(this, body, offset, length); // the constant answer's path: nothing allocated
        } else {
            responder.execute(() -> responder.send(this, body, offset, length));
        }
    }

    /** {@code body}'s remaining bytes. */
    public void send(ByteBuffer body) {
        defaultType(BYTES);
        finish(body, "send(ByteBuffer)");
    }

    /**
     * {@code value} as JSON ({@code application/json}), by the router's {@link JsonMapper}.
     *
     * @throws IllegalStateException when the router has no JSON mapper
     * @throws Exception what the mapper throws
     */
    public void json(Object value) throws Exception {
        if (json == null) {
            throw new IllegalStateException("no JSON mapper: give the router one (Router.jsonMapper)");
        }
        byte[] bytes = json.write(value);
        if (head.contentType() == null) {
            head.contentType(JSON);
        }
        finish(ByteBuffer.wrap(bytes), "json(Object)");
    }

    /** The head now, the content as it is made: see {@link BodyWriter}. Its length is not known ahead. */
    public BodyWriter stream() {
        return stream(-1);
    }

    /**
     * The head now, with {@code length} as Content-Length, and the content as it is made.
     *
     * @throws IllegalStateException for a status that carries no content
     */
    public BodyWriter stream(long length) {
        if (!head.status().allowsContent()) {
            throw new IllegalStateException(head.status() + " carries no content (RFC 9110 6.4.1): answer it with send()");
        }
        defaultType(BYTES);
        claim("stream()");
        ThreadSafeWriter w = new ThreadSafeWriter(this, responder);
        stream = w;
        w.run(() -> w.begin(responder.stream(this, length)));
        return w;
    }

    /**
     * Switches the connection to {@code next} (a WebSocket): {@code 101 Switching Protocols}
     * with the fields added (and {@code Connection: Upgrade}, the framing's), then {@code next}
     * owns the connection.
     *
     * @throws UnsupportedOperationException on a framing that cannot (HTTP/2)
     */
    public void upgrade(String protocol, Protocol next) {
        Syntax.checkValue("Upgrade", protocol);
        claim("upgrade()");
        head.switching();
        head.addUnchecked("Upgrade", protocol);
        responder.upgrade(this, next);
    }

    /**
     * This request is answered after the route returns, from any thread; its connection reads on
     * (pipelined requests are answered in their order all the same).
     */
    public HttpReply later() {
        if (!STATE.compareAndSet(this, OPEN, LATER) && state() == DONE) {
            throw answeredAlready("later()");
        }
        saidLater = true;
        return this;
    }

    /**
     * The work behind this answer failed: 500 when nothing was sent yet, else the streamed answer
     * is cut off; {@code cause} is logged (each distinct failure at least once). What a route that
     * answers later calls; a route that throws gets the same.
     */
    public void fail(Throwable cause) {
        RouteFailures.log(LOG, cause);
        BodyWriter s = stream;
        if (s != null) {
            s.abort();
        } else if (claimQuietly()) {
            head.replace(Status.INTERNAL_SERVER_ERROR, TEXT);
            answeredBy = "a failure (500)";
            deliver(ByteBuffer.wrap(ERROR_BODY.clone()));
        }
    }

    private static final byte[] ERROR_BODY = "Internal Server Error\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_ANSWER_BODY = "the route gave no answer\n".getBytes(StandardCharsets.US_ASCII);

    /** Whether it has been answered (or an answer has begun). */
    public boolean isAnswered() {
        return state() == DONE;
    }

    /** Whether the route said it answers later and has not yet. */
    public boolean isLater() {
        return state() == LATER;
    }

    // ---- what the framing reads

    /** The status, content type and fields, as given and checked. */
    public ReplyHead head() {
        return head;
    }

    /**
     * The route returned (the framing's call): a reply neither answered nor left for later gets
     * 500; {@code true} when the answer is still to come.
     */
    public boolean routeReturned() {
        int s = state();
        if (s != OPEN) {
            return s == LATER;
        }
        if (STATE.compareAndSet(this, OPEN, DONE)) {
            noAnswer();
            return false;
        }
        return state() == LATER;
    }

    private void noAnswer() {
        head.replace(Status.INTERNAL_SERVER_ERROR, TEXT);
        answeredBy = "the server, as the route returned without answering (500)";
        deliver(ByteBuffer.wrap(NO_ANSWER_BODY));
    }

    // ---- a route declared blocking ({@code BlockingCall})

    /** Its handler goes to a worker: the reply is answered later, by the handler or for it. */
    void handOff() {
        STATE.compareAndSet(this, OPEN, LATER);
        saidLater = false;
    }

    /** The blocking handler returned (connection's thread): 500 unless it answered or said later. */
    void handlerReturned() {
        if (!saidLater && state() == LATER && STATE.compareAndSet(this, LATER, DONE)) {
            noAnswer();
        }
    }

    /** The worker pool refused the handler: 503 with {@code Retry-After: 1}, unless answered. */
    void refused() {
        if (claimQuietly()) {
            head.replace(Status.SERVICE_UNAVAILABLE, TEXT);
            head.addUnchecked("Retry-After", "1");
            answeredBy = "the server, its workers full (503)";
            deliver(ByteBuffer.wrap(BUSY_BODY.clone()));
        }
    }

    private static final byte[] BUSY_BODY = "the server is busy; try again\n".getBytes(StandardCharsets.US_ASCII);

    Responder responder() {
        return responder;
    }

    /** Makes the reply new for the next request on its connection (the framing's). */
    public void reset() {
        STATE.setRelease(this, OPEN);
        saidLater = false;
        head.clear();
        if (json != null) { // references written only when they change (see ReplyHead.clear)
            json = null;
        }
        if (stream != null) {
            stream = null;
        }
    }

    /** The router's JSON mapper, for {@link #json}. */
    void json(JsonMapper mapper) {
        if (json != mapper) {
            json = mapper;
        }
    }

    /** The streamed answer ended, or was cut (the framing's). */
    void streamEnded() {
        stream = null;
    }

    // ---- inside

    private void defaultType(String type) {
        if (head.contentType() == null && state() != DONE) {
            head.contentType(type);
        }
    }

    private void finish(ByteBuffer content, String how) {
        if (content != null && content.hasRemaining() && !head.status().allowsContent()) {
            throw noContent();
        }
        claim(how);
        deliver(content);
    }

    private IllegalStateException noContent() {
        return new IllegalStateException(head.status() + " carries no content (RFC 9110 6.4.1, 15.3.5, 15.4.5): answer it with send()");
    }

    /** Sends the answer on the connection's thread: now when on it, else copied and handed over. */
    private void deliver(ByteBuffer content) {
        if (responder.onConnectionThread()) {
            responder.send(this, content);
        } else {
            ByteBuffer copy = content == null || content.hasArray() ? content
                    : ByteBuffer.allocate(content.remaining()).put(content).flip();
            responder.execute(() -> responder.send(this, copy));
        }
    }

    private void open(String what) {
        if (state() == DONE) {
            throw answeredAlready(what);
        }
    }

    private int state() {
        return (int) STATE.getAcquire(this);
    }

    private void claim(String how) {
        if (!claimQuietly()) {
            throw answeredAlready(how);
        }
        if (answeredBy != how) { // read only once answered: a stale one is never seen
            answeredBy = how;
        }
    }

    /**
     * Moves to DONE unless there already. An OPEN reply on its connection's thread is that
     * thread's alone (no {@code later()}: nobody else may answer it), so it moves without a
     * compare-and-set; any other move races and takes one.
     */
    private boolean claimQuietly() {
        int s = state();
        if (s == OPEN && responder.onConnectionThread()) {
            STATE.setRelease(this, DONE);
            return true;
        }
        while (s != DONE) {
            if (STATE.compareAndSet(this, s, DONE)) {
                return true;
            }
            s = state();
        }
        return false;
    }

    private IllegalStateException answeredAlready(String what) {
        String by = answeredBy == null ? "an earlier answer" : answeredBy;
        return new IllegalStateException("cannot " + what + ": this request was answered already, by " + by
                + " (one answer per request; to answer after the route returns, call reply.later() first)");
    }
}
