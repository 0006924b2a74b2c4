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
    // the request being read
    private int headerBytes;
    private int headerFields;
    private long contentLength;
    private boolean hasContentLength;
    private boolean chunked;
    private boolean hasHost;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
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
                    int eol = lineEnd(MAX_HEADER_BYTES - headerBytes);
                    if (eol == -2) {
                        return fail(h, 431, "Request Header Fields Too Large");
                    }
                    if (eol < 0) {
                        return true;
                    }
                    int lineStart = pos;
                    int len = contentEnd(lineStart, eol);
                    headerBytes += eol + 1 - lineStart;
                    pos = eol + 1;
                    if (len == lineStart) { // the blank line
                        if (state == State.TRAILERS) {
                            if (!dispatch(h)) {
                                return false;
                            }
                            continue;
                        }
                        String bad = headersDone();
                        if (bad != null) {
                            return fail(h, Integer.parseInt(bad.substring(0, 3)), bad.substring(4));
                        }
                        if (state == State.HEADERS && !dispatch(h)) { // no body
                            return false;
                        }
                        continue;
                    }
                    if (++headerFields > MAX_HEADER_FIELDS) {
                        return fail(h, 431, "Request Header Fields Too Large");
                    }
                    if (state == State.HEADERS) {
                        String bad = header(lineStart, len);
                        if (bad != null) {
                            return fail(h, Integer.parseInt(bad.substring(0, 3)), bad.substring(4));
                        }
                    }
                }
                case BODY -> {
                    int take = (int) Math.min(end - pos, contentLength - request.bodyLength);
                    appendBody(pos, take);
                    pos += take;
                    if (request.bodyLength < contentLength) {
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
        int sp1 = indexOf(from, to, (byte) ' ');
        int sp2 = sp1 < 0 ? -1 : indexOf(sp1 + 1, to, (byte) ' ');
        if (sp1 <= from || sp2 <= sp1 + 1 || indexOf(sp2 + 1, to, (byte) ' ') >= 0) {
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
        if (to - sp2 - 1 != 8 || !startsWith(sp2 + 1, HTTP_SLASH) || buf[sp2 + 7] != '.'
                || !isDigit(buf[sp2 + 6]) || !isDigit(buf[sp2 + 8])) {
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
        headerBytes = 0;
        headerFields = 0;
        contentLength = 0;
        hasContentLength = false;
        chunked = false;
        hasHost = false;
        connectionClose = false;
        connectionKeepAlive = false;
        return null;
    }

    /** One header field; a reason when it must be refused. */
    private String header(int from, int to) {
        int colon = indexOf(from, to, (byte) ':');
        if (colon <= from || buf[colon - 1] == ' ' || buf[colon - 1] == '\t' || buf[from] == ' ' || buf[from] == '\t') {
            return "400 Bad Request"; // no name, whitespace before the colon, or an obsolete line folding
        }
        int v = colon + 1;
        while (v < to && (buf[v] == ' ' || buf[v] == '\t')) {
            v++;
        }
        int ve = to;
        while (ve > v && (buf[ve - 1] == ' ' || buf[ve - 1] == '\t')) {
            ve--;
        }
        if (nameIs(from, colon, HOST)) {
            hasHost = true;
        } else if (nameIs(from, colon, CONTENT_LENGTH)) {
            long n = 0;
            if (v == ve || ve - v > 18) {
                return "400 Bad Request";
            }
            for (int i = v; i < ve; i++) {
                if (!isDigit(buf[i])) {
                    return "400 Bad Request";
                }
                n = n * 10 + (buf[i] - '0');
            }
            if (hasContentLength && n != contentLength) {
                return "400 Bad Request";
            }
            hasContentLength = true;
            contentLength = n;
        } else if (nameIs(from, colon, TRANSFER_ENCODING)) {
            if (!valueIs(v, ve, CHUNKED) || chunked) {
                return "501 Not Implemented";
            }
            chunked = true;
        } else if (nameIs(from, colon, CONNECTION)) {
            for (int i = v; i < ve; ) { // a list: close, keep-alive, others
                int comma = indexOf(i, ve, (byte) ',');
                int e = comma < 0 ? ve : comma;
                int s = i;
                while (s < e && buf[s] == ' ') {
                    s++;
                }
                int t = e;
                while (t > s && buf[t - 1] == ' ') {
                    t--;
                }
                connectionClose |= valueIs(s, t, CLOSE);
                connectionKeepAlive |= valueIs(s, t, KEEP_ALIVE);
                i = e + 1;
            }
        }
        return null;
    }

    /** The header block ended: decides what follows; a reason when the request must be refused. */
    private String headersDone() {
        if (hasContentLength && chunked) {
            return "400 Bad Request";
        }
        if (request.http11 && !hasHost) {
            return "400 Bad Request";
        }
        if (hasContentLength && contentLength > MAX_BODY) {
            return "413 Content Too Large";
        }
        request.keepAlive = request.http11 ? !connectionClose : connectionKeepAlive && !connectionClose;
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength > 0) {
            state = State.BODY;
        }
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
        int e = indexOf(from, to, (byte) ';');
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

    private int indexOf(int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean startsWith(int from, byte[] literal) {
        if (from + literal.length > end) {
            return false;
        }
        for (int i = 0; i < literal.length; i++) {
            if (buf[from + i] != literal[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean nameIs(int from, int to, byte[] lowerName) {
        return valueIs(from, to, lowerName);
    }

    /** Case-insensitive ASCII comparison with a lower-case literal. */
    private boolean valueIs(int from, int to, byte[] lower) {
        if (to - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            byte b = buf[from + i];
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static final byte[] HTTP_SLASH = ascii("HTTP/");
    private static final byte[] HOST = ascii("host");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
