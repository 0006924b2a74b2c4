package org.iolab.apps.http.h1;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.Status;
import org.iolab.apps.http.Syntax;

/**
 * An HTTP/1.x request parser for a server, by RFC 9112 and 9110: fed whatever each read brought,
 * it checks every byte as it arrives (a byte the grammar does not allow is refused at once, not
 * at the line's end) and hands every request to its handler, pipelined ones included, with its
 * body whole or as it arrives. What must be refused gets the status a client expects, once:
 *
 * <ul>
 * <li>400: a malformed request-line ({@link RequestLine}) or field line (a name that is not a
 *     token, whitespace before the colon, obs-fold, NUL, CR or another control in a value, a bare
 *     CR); Host missing in HTTP/1.1, twice or invalid; framing that cannot be trusted
 *     ({@link RequestHead}); a malformed chunk line ({@link ChunkLine}) or chunk end.
 * <li>414 a request-line over {@value #MAX_REQUEST_LINE} bytes; 431 header fields over
 *     {@value #MAX_HEADER_BYTES} bytes or more than {@value #MAX_HEADER_FIELDS} (trailers count);
 *     413 a body over the limit; 417 an expectation other than 100-continue; 501 a transfer
 *     coding other than chunked; 505 a version other than 1.x.
 * </ul>
 *
 * After a refusal it takes nothing more: the connection is to be closed. Only what the server
 * acts on is kept of a request, read in place: a request allocates nothing once the buffers
 * have grown.
 *
 * <p>Thread rule: not thread-safe; one parser per connection, fed from its callbacks.
 *
 * <p>One class over 300 lines on purpose: one state machine over one buffer, whose states share its positions; each grammar is apart ({@code RequestLine}, {@code FieldLine}, {@code ChunkLine}, {@code RequestHead}).
 */
public final class HttpParser {

    public static final int MAX_REQUEST_LINE = 8 * 1024;
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    public static final int MAX_HEADER_FIELDS = 100;
    /** The default body limit ({@code --max-body}). */
    public static final long MAX_BODY = org.iolab.apps.http.RouteOptions.DEFAULT_MAX_BODY;
    /** The longest chunk line (its size and extensions) taken. */
    public static final int MAX_CHUNK_LINE = ChunkLine.MAX;

    /** What the parser finds, in order. */
    public interface Handler {
        /**
         * A request's head is complete (valid until its end): the most body it may have (the
         * route's limit), checked against Content-Length at once (413) and against a chunked
         * body as it comes.
         */
        default long head(HttpRequest request) {
            return Long.MAX_VALUE;
        }

        /** The head passed its checks: {@code true} to take the body as it arrives ({@link #body}, {@link #bodyEnd}). */
        default boolean begin(HttpRequest request) {
            return false;
        }

        /** The request expects {@code 100 Continue} and none of its body has come yet. */
        default void continueExpected() {
        }

        /** Bytes of a body taken as it arrives (valid during the call). */
        default void body(ByteBuffer data) {
        }

        /** A body taken as it arrives has ended; {@code false} to stop parsing. */
        default boolean bodyEnd(HttpRequest request) {
            return true;
        }

        /** A complete request, its body whole; {@code false} to stop parsing (the connection closes). */
        boolean request(HttpRequest request);

        /** A request the server must refuse: answer {@code status} and close. */
        void error(Status status);
    }

    private enum State { LINE, FIELDS, BODY, CHUNK_LINE, CHUNK_DATA, CHUNK_END, TRAILERS }

    private final long maxBody;
    private final HttpRequest request = new HttpRequest();
    private final RequestFacts facts = new RequestFacts();
    private InetSocketAddress remote;
    private String applicationProtocol;
    /** The current request's body limit: the parser's, or its route's if lower. */
    private long limit;
    /** The handler asked to hold further requests (answers owed): parsing waits for {@link #resume}. */
    private boolean suspended;
    private final RequestLine line = new RequestLine();
    private final RequestHead head = new RequestHead();
    private final ChunkLine chunkLine = new ChunkLine();
    private final FieldLine fieldLine = new FieldLine();
    private byte[] buf = new byte[4096];
    private ByteBuffer view = ByteBuffer.wrap(buf); // buf seen as a buffer, for a streamed body
    private int pos;   // where the unit being parsed starts (a line, body bytes)
    private int scan;  // the next byte to check
    private int end;   // the end of the bytes held
    private State state = State.LINE;
    private boolean streaming;
    private boolean failed;
    private long bodyLeft;
    private int chunkEnd;

    /** With the default body limit. */
    public HttpParser() {
        this(MAX_BODY);
    }

    /** @param maxBody the largest body taken, {@code Long.MAX_VALUE} for none (a handler's route may set a lower one) */
    public HttpParser(long maxBody) {
        this.maxBody = maxBody;
    }

    /** Who the requests come from, for {@link HttpRequest#remoteAddress} and {@link HttpRequest#applicationProtocol}. */
    void connection(InetSocketAddress remote, String applicationProtocol) {
        this.remote = remote;
        this.applicationProtocol = applicationProtocol;
    }

    /** The framing facts of the request being handled (valid during the handler's call). */
    RequestFacts facts() {
        return facts;
    }

    /**
     * Holds the requests after the one being handled (the handler calls it from within): they
     * stay buffered, unparsed, until {@link #resume}. Nothing more is read meanwhile, as the
     * caller pauses its transport.
     */
    void suspend() {
        suspended = true;
    }

    /** Whether requests are held ({@link #suspend}). */
    boolean suspended() {
        return suspended;
    }

    /** Parses on what {@link #suspend} held; as {@link #feed}. */
    boolean resume(Handler handler) {
        suspended = false;
        if (failed) {
            return false;
        }
        boolean go = parse(handler);
        compact();
        return go;
    }

    /**
     * Whether a request's head has begun and is not complete (its request-line or fields, or a
     * chunked body's trailers, awaited): what the request deadline times, as nginx's
     * {@code client_header_timeout} does. A body is timed by the idle timeout between its reads.
     */
    public boolean inHead() {
        return state == State.LINE ? line.begun() || scan < end : state == State.FIELDS || state == State.TRAILERS;
    }

    /**
     * The bytes after the last request, not parsed (valid until the next {@link #feed}): what a
     * protocol the connection switched to (a WebSocket's frames) gets first. They are the
     * parser's no more.
     */
    public ByteBuffer remainder() {
        ByteBuffer rest = ByteBuffer.wrap(buf, scan, end - scan).slice();
        scan = end;
        pos = end;
        return rest;
    }

    /**
     * Consumes {@code data}, calling the handler for each request and at most one error.
     * Returns {@code false} once it has stopped (an error, or the handler said stop).
     */
    public boolean feed(ByteBuffer data, Handler handler) {
        if (failed) {
            data.position(data.limit());
            return false;
        }
        append(data);
        boolean go = parse(handler);
        compact();
        return go;
    }

    private boolean parse(Handler h) {
        while (!failed && !suspended) {
            switch (state) {
                case LINE -> {
                    if (!requestLine(h)) {
                        return !failed;
                    }
                }
                case FIELDS, TRAILERS -> {
                    if (!fields(h)) {
                        return !failed;
                    }
                }
                case BODY -> {
                    if (!takeBody(h)) {
                        return true;
                    }
                    if (!complete(h)) {
                        return false;
                    }
                }
                case CHUNK_LINE -> {
                    if (!chunkLine(h)) {
                        return !failed;
                    }
                }
                case CHUNK_DATA -> {
                    if (!takeBody(h)) {
                        return true;
                    }
                    state = State.CHUNK_END;
                    chunkEnd = 0;
                }
                case CHUNK_END -> { // CRLF (or LF) after the chunk's data
                    if (scan == end) {
                        return true;
                    }
                    byte b = buf[scan++];
                    if (b == '\r' && chunkEnd == 0) {
                        chunkEnd = 1;
                    } else if (b == '\n') {
                        state = State.CHUNK_LINE;
                        chunkLine.reset();
                    } else {
                        return fail(h, Status.BAD_REQUEST);
                    }
                }
            }
        }
        return !failed;
    }

    /** Hands over what has come of the body (or of the chunk); {@code true} once all of it has. */
    private boolean takeBody(Handler h) {
        int take = (int) Math.min(end - scan, bodyLeft);
        body(h, scan, take);
        scan += take;
        bodyLeft -= take;
        return bodyLeft == 0;
    }

    /** Checks the request-line's new bytes; {@code true} once it is whole and the head begins. */
    private boolean requestLine(Handler h) {
        scan = line.scan(buf, scan, end);
        if (!line.begun()) {
            pos = scan; // empty lines before a request are dropped
        } else if (pos < line.start) {
            pos = line.start;
        }
        if (line.step == RequestLine.Step.BAD) {
            return fail(h, Status.BAD_REQUEST);
        }
        if (line.begun() && scan - pos > MAX_REQUEST_LINE) { // the target's length makes it 414, else 400
            boolean target = line.inTarget() || line.targetEnd - line.start > MAX_REQUEST_LINE - "HTTP/1.1\r\n".length();
            return fail(h, target ? Status.URI_TOO_LONG : Status.BAD_REQUEST);
        }
        if (line.step != RequestLine.Step.DONE) {
            return false;
        }
        if (line.major(buf) != '1') {
            return fail(h, Status.HTTP_VERSION_NOT_SUPPORTED);
        }
        head.reset();
        request.reset(line.minorIsZero(buf) ? "HTTP/1.0" : "HTTP/1.1", remote, applicationProtocol);
        Status bad = line.parse(buf, request, facts);
        if (bad != null) {
            return fail(h, bad);
        }
        line.reset();
        pos = scan;
        state = State.FIELDS;
        fieldLine.reset();
        return true;
    }

    /**
     * Checks field lines' new bytes (the head's, or the trailers'); {@code true} once the block
     * has ended. No more is scanned than the size limit allows: {@value #MAX_HEADER_BYTES} bytes
     * of field lines, their line ends included (the blank line after them is not a field).
     */
    private boolean fields(Handler h) {
        while (true) {
            // room for one byte past the limit, or for the blank line after fields that fill it
            int limit = (int) Math.min(end, (long) pos + MAX_HEADER_BYTES - head.bytes + 2);
            FieldLine.Step step = fieldLine.scan(buf, scan, limit);
            scan = fieldLine.next;
            switch (step) {
                case MORE -> {
                    int pending = fieldLine.inBlankLine() ? 0 : scan - pos; // the blank line is no field
                    return head.bytes + pending > MAX_HEADER_BYTES ? fail(h, Status.REQUEST_HEADER_FIELDS_TOO_LARGE) : false;
                }
                case BAD -> {
                    return fail(h, Status.BAD_REQUEST);
                }
                case END -> {
                    return endOfFields(h);
                }
                case LINE -> {
                    if (!fieldLine(h, fieldLine.contentEnd)) {
                        return false;
                    }
                }
            }
        }
    }

    /** A whole field line, its content ending at {@code contentEnd}, {@code scan} after its LF. */
    private boolean fieldLine(Handler h, int contentEnd) {
        head.bytes += scan - pos;
        if (++head.fields > MAX_HEADER_FIELDS || head.bytes > MAX_HEADER_BYTES) {
            return fail(h, Status.REQUEST_HEADER_FIELDS_TOO_LARGE);
        }
        if (state == State.FIELDS) {
            int colon = fieldLine.colon;
            int v = colon + 1;
            while (v < contentEnd && Syntax.whitespace(buf[v])) {
                v++;
            }
            int ve = contentEnd;
            while (ve > v && Syntax.whitespace(buf[ve - 1])) {
                ve--;
            }
            head.field(buf, pos, colon, v, ve);
            request.fieldInPlace(buf, pos, colon, v, ve); // copied only if the request outlives this read (compact)
        } // a trailer is checked, counted and dropped: the server acts on none
        pos = scan;
        return true;
    }

    /** The blank line: the head is done (a body may follow), or the trailers are and the request is. */
    private boolean endOfFields(Handler h) {
        pos = scan;
        if (state == State.TRAILERS) {
            return complete(h);
        }
        Status bad = head.done(request, facts);
        if (bad != null) {
            return fail(h, bad);
        }
        limit = Math.min(maxBody, h.head(request));
        if (head.contentLength > limit && !head.chunked) {
            return fail(h, Status.CONTENT_TOO_LARGE);
        }
        streaming = h.begin(request);
        if (head.chunked) {
            state = State.CHUNK_LINE;
            chunkLine.reset();
        } else if (head.contentLength > 0) {
            state = State.BODY;
            bodyLeft = head.contentLength;
        } else {
            return complete(h);
        }
        if (facts.expectContinue && scan == end) {
            h.continueExpected();
        }
        return true;
    }

    /** Checks a chunk line's new bytes; {@code true} once it is whole. */
    private boolean chunkLine(Handler h) {
        while (scan < end) {
            ChunkLine.Step step = chunkLine.next(buf[scan++]);
            if (step == ChunkLine.Step.BAD) {
                return fail(h, Status.BAD_REQUEST);
            }
            if (step == ChunkLine.Step.DONE) {
                long size = chunkLine.size();
                pos = scan;
                if (size == 0) {
                    state = State.TRAILERS;
                    fieldLine.reset();
                } else if (request.bodyLength() + bodyTaken + size > limit) {
                    return fail(h, Status.CONTENT_TOO_LARGE);
                } else {
                    state = State.CHUNK_DATA;
                    bodyLeft = size;
                }
                return true;
            }
        }
        return false;
    }

    /** Bytes of the body streamed so far (a streamed body is not kept in {@code request.body}). */
    private long bodyTaken;

    private void body(Handler h, int from, int n) {
        if (n == 0) {
            return;
        }
        if (streaming) {
            bodyTaken += n;
            view.limit(from + n).position(from);
            h.body(view);
        } else {
            request.appendBody(buf, from, n);
        }
        pos = from + n;
    }

    /** The request is complete: hands it over and gets ready for the next. */
    private boolean complete(Handler h) {
        state = State.LINE;
        pos = scan;
        boolean go = streaming ? h.bodyEnd(request) : h.request(request);
        streaming = false;
        bodyTaken = 0;
        if (!go) {
            failed = true;
        }
        return go;
    }

    private boolean fail(Handler h, Status status) {
        failed = true;
        h.error(status);
        return false;
    }

    private void append(ByteBuffer data) {
        int n = data.remaining();
        if (end + n > buf.length) {
            compact();
            if (end + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(end + n, buf.length * 2));
                view = ByteBuffer.wrap(buf);
            }
        }
        data.get(buf, end, n);
        end += n;
    }

    /**
     * Moves the bytes not yet parsed to the front (between feeds: a request handled whole points
     * into them no more; one under way has its fields copied out first).
     */
    private void compact() {
        int from = Math.min(pos, scan);
        if (from == 0) {
            return;
        }
        if (state != State.LINE) { // a head or a body under way: its request's fields are in these bytes
            request.keepFields();
        }
        System.arraycopy(buf, from, buf, 0, end - from);
        end -= from;
        scan -= from;
        pos -= from;
        if (line.begun()) {
            line.start -= from;
            line.methodEnd -= from;
            line.targetEnd -= from;
        }
        fieldLine.shift(from);
    }
}
