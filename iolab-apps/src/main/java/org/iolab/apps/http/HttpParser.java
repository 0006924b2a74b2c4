package org.iolab.apps.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An HTTP/1.x request parser (RFC 9112) for a server: fed whatever each read brought, it hands
 * every complete request to its handler, pipelined ones included, and refuses what a server
 * must not buffer without bound, with the status a client expects: a request line over 8 KiB
 * 414; header fields over 64 KiB or more than 100 of them 431; a body over 1 MiB 413; no Host in
 * HTTP/1.1, a malformed line, both Content-Length and Transfer-Encoding, or a bad
 * Content-Length 400; a transfer coding other than chunked 501; a version other than 1.x 505.
 * After an error it accepts nothing more (the connection is to be closed). Bodies come with
 * Content-Length or chunked (extensions and trailers skipped).
 *
 * <p>Only what the server acts on is kept of a request (method, path, version, keep-alive,
 * body); it is read in place, so a request allocates nothing once the buffers have grown.
 *
 * <p>Thread rule: not thread-safe; one parser per connection, fed from its callbacks.
 */
public final class HttpParser {

    public static final int MAX_REQUEST_LINE = 8 * 1024;
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    public static final int MAX_HEADER_FIELDS = 100;
    public static final int MAX_BODY = 1024 * 1024;

    /** What the parser finds. */
    public interface Handler {
        /** A complete request (valid during the call); {@code false} to stop parsing (the connection closes). */
        boolean request(HttpRequest request);

        /** A request the server must refuse: answer {@code status} and close. */
        void error(int status, String reason);
    }

    private enum State { REQUEST_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS }

    private final HttpRequest request = new HttpRequest();
    private byte[] buf = new byte[4096];
    private int pos;   // next byte to parse
    private int end;   // end of the bytes held
    private State state = State.REQUEST_LINE;
    private boolean failed;
    private final RequestHead head = new RequestHead(); // the request being read
    private long chunkLeft;

    /** Whether a request has begun and is not complete (bytes of it held, or its headers or body awaited). */
    public boolean inRequest() {
        return state != State.REQUEST_LINE || pos < end;
    }

    /**
     * Consumes {@code data}, calling the handler for each complete request and at most one
     * error. Returns {@code false} once it has stopped (an error, or the handler said stop).
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
        while (true) {
            switch (state) {
                case REQUEST_LINE -> {
                    int eol = lineEnd(MAX_REQUEST_LINE);
                    if (eol == -2) {
                        return fail(h, 414, "URI Too Long");
                    }
                    if (eol < 0) {
                        return true;
                    }
                    int lineStart = pos;
                    int len = contentEnd(lineStart, eol);
                    pos = eol + 1;
                    if (len == lineStart) {
                        continue; // an empty line before a request is ignored (RFC 9112, 2.2)
                    }
                    String bad = requestLine(lineStart, len);
                    if (bad != null) {
                        return fail(h, bad.startsWith("505") ? 505 : 400, bad.substring(4));
                    }
                    state = State.HEADERS;
                }
                case HEADERS, TRAILERS -> {
                    int eol = lineEnd(MAX_HEADER_BYTES - head.bytes);
                    if (eol == -2) {
                        return fail(h, 431, "Request Header Fields Too Large");
                    }
                    if (eol < 0) {
                        return true;
                    }
                    int lineStart = pos;
                    int len = contentEnd(lineStart, eol);
                    head.bytes += eol + 1 - lineStart;
                    pos = eol + 1;
                    if (len == lineStart) { // the blank line
                        if (state == State.TRAILERS) {
                            if (!dispatch(h)) {
                                return false;
                            }
                            continue;
                        }
                        String bad = head.done(request);
                        if (bad != null) {
                            return fail(h, Integer.parseInt(bad.substring(0, 3)), bad.substring(4));
                        }
                        if (head.chunked) {
                            state = State.CHUNK_SIZE;
                        } else if (head.contentLength > 0) {
                            state = State.BODY;
                        }
                        if (state == State.HEADERS && !dispatch(h)) { // no body
                            return false;
                        }
                        continue;
                    }
                    if (++head.fields > MAX_HEADER_FIELDS) {
                        return fail(h, 431, "Request Header Fields Too Large");
                    }
                    if (state == State.HEADERS) {
                        String bad = head.field(buf, lineStart, len);
                        if (bad != null) {
                            return fail(h, Integer.parseInt(bad.substring(0, 3)), bad.substring(4));
                        }
                    }
                }
                case BODY -> {
                    int take = (int) Math.min(end - pos, head.contentLength - request.bodyLength);
                    appendBody(pos, take);
                    pos += take;
                    if (request.bodyLength < head.contentLength) {
                        return true;
                    }
                    if (!dispatch(h)) {
                        return false;
                    }
                }
                case CHUNK_SIZE -> {
                    int eol = lineEnd(1024);
                    if (eol == -2) {
                        return fail(h, 400, "Bad Request");
                    }
                    if (eol < 0) {
                        return true;
                    }
                    long size = chunkSize(pos, contentEnd(pos, eol));
                    pos = eol + 1;
                    if (size < 0) {
                        return fail(h, 400, "Bad Request");
                    }
                    if (request.bodyLength + size > MAX_BODY) {
                        return fail(h, 413, "Content Too Large");
                    }
                    chunkLeft = size;
                    state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
                }
                case CHUNK_DATA -> {
                    int take = (int) Math.min(end - pos, chunkLeft);
                    appendBody(pos, take);
                    pos += take;
                    chunkLeft -= take;
                    if (chunkLeft > 0) {
                        return true;
                    }
                    state = State.CHUNK_END;
                }
                case CHUNK_END -> {
                    int eol = lineEnd(2);
                    if (eol == -2 || (eol >= 0 && contentEnd(pos, eol) != pos)) {
                        return fail(h, 400, "Bad Request");
                    }
                    if (eol < 0) {
                        return true;
                    }
                    pos = eol + 1;
                    state = State.CHUNK_SIZE;
                }
            }
        }
    }

    /** Parses {@code METHOD SP target SP HTTP/1.x}; a reason ("400 ...", "505 ...") when it is not one. */
    private String requestLine(int from, int to) {
        int sp1 = Bytes.indexOf(buf, from, to, (byte) ' ');
        int sp2 = sp1 < 0 ? -1 : Bytes.indexOf(buf, sp1 + 1, to, (byte) ' ');
        if (sp1 <= from || sp2 <= sp1 + 1 || Bytes.indexOf(buf, sp2 + 1, to, (byte) ' ') >= 0) {
            return "400 Bad Request";
        }
        for (int i = from; i < sp1; i++) {
            byte b = buf[i];
            if (b < '!' || b > '~' || b == '(' || b == ')' || b == ',' || b == '/' || b == ':' || b == ';'
                    || b == '<' || b == '=' || b == '>' || b == '?' || b == '@' || b == '[' || b == '\\'
                    || b == ']' || b == '{' || b == '}' || b == '"') {
                return "400 Bad Request"; // not a token
            }
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if (buf[i] <= ' ' || buf[i] == 0x7f) {
                return "400 Bad Request";
            }
        }
        if (to - sp2 - 1 != 8 || !Bytes.equals(buf, sp2 + 1, sp2 + 6, HTTP_SLASH) || buf[sp2 + 7] != '.'
                || !Bytes.isDigit(buf[sp2 + 6]) || !Bytes.isDigit(buf[sp2 + 8])) {
            return "400 Bad Request";
        }
        if (buf[sp2 + 6] != '1') {
            return "505 HTTP Version Not Supported";
        }
        request.keepLine(buf, from, to); // the buffer moves on before the request ends: keep what it needs
        request.methodStart = 0;
        request.methodEnd = sp1 - from;
        request.pathStart = sp1 + 1 - from;
        request.pathEnd = sp2 - from;
        request.http11 = buf[sp2 + 8] != '0';
        request.bodyLength = 0;
        head.reset();
        return null;
    }

    /** Hands the request over and gets ready for the next. */
    private boolean dispatch(Handler h) {
        state = State.REQUEST_LINE;
        boolean go = h.request(request);
        if (!go) {
            failed = true;
        }
        return go;
    }

    private boolean fail(Handler h, int status, String reason) {
        failed = true;
        h.error(status, reason);
        return false;
    }

    /** The index of the next {@code \n} from {@code pos}, -1 when not there yet, -2 when past {@code max} bytes. */
    private int lineEnd(int max) {
        int limit = Math.min(end, pos + Math.max(max, 0) + 1);
        for (int i = pos; i < limit; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return end - pos > max ? -2 : -1;
    }

    /** The end of a line's content: before its {@code \r\n} or {@code \n}. */
    private int contentEnd(int from, int newline) {
        return newline > from && buf[newline - 1] == '\r' ? newline - 1 : newline;
    }

    private long chunkSize(int from, int to) {
        int e = Bytes.indexOf(buf, from, to, (byte) ';');
        int stop = e < 0 ? to : e;
        while (stop > from && (buf[stop - 1] == ' ' || buf[stop - 1] == '\t')) {
            stop--;
        }
        if (stop == from || stop - from > 8) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < stop; i++) {
            int d = Character.digit(buf[i], 16);
            if (d < 0) {
                return -1;
            }
            n = n * 16 + d;
        }
        return n;
    }

    private void appendBody(int from, int n) {
        if (request.bodyLength + n > request.body.length) {
            request.body = Arrays.copyOf(request.body, Math.max(request.bodyLength + n, request.body.length * 2));
        }
        System.arraycopy(buf, from, request.body, request.bodyLength, n);
        request.bodyLength += n;
    }

    private void append(ByteBuffer data) {
        int n = data.remaining();
        if (end + n > buf.length) {
            compact();
            if (end + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(end + n, buf.length * 2));
            }
        }
        data.get(buf, end, n);
        end += n;
    }

    /** Moves the bytes not yet parsed to the front (between feeds, so no request points into them). */
    private void compact() {
        if (pos == 0) {
            return;
        }
        System.arraycopy(buf, pos, buf, 0, end - pos);
        end -= pos;
        pos = 0;
    }

    private static final byte[] HTTP_SLASH = Bytes.ascii("HTTP/");

    static byte[] ascii(String s) {
        return Bytes.ascii(s);
    }
}
