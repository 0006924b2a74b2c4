package org.iolab.apps.http;

/**
 * What the header fields of one request say that the server acts on: its Host, its body's
 * framing (Content-Length, chunked), and Connection's close or keep-alive; and whether they
 * must be refused (a bad or conflicting length, both framings, an unknown coding, no Host in
 * HTTP/1.1, a body over the limit).
 *
 * <p>Thread rule: the connection's callback thread only; one per parser, reset per request.
 */
final class RequestHead {

    private static final byte[] HOST = Bytes.ascii("host");
    private static final byte[] CONTENT_LENGTH = Bytes.ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = Bytes.ascii("transfer-encoding");
    private static final byte[] CONNECTION = Bytes.ascii("connection");
    private static final byte[] CHUNKED = Bytes.ascii("chunked");
    private static final byte[] CLOSE = Bytes.ascii("close");
    private static final byte[] KEEP_ALIVE = Bytes.ascii("keep-alive");

    int bytes;
    int fields;
    long contentLength;
    boolean hasContentLength;
    boolean chunked;
    private boolean hasHost;
    private boolean connectionClose;
    private boolean connectionKeepAlive;

    void reset() {
        bytes = 0;
        fields = 0;
        contentLength = 0;
        hasContentLength = false;
        chunked = false;
        hasHost = false;
        connectionClose = false;
        connectionKeepAlive = false;
    }

    /** One header field; a reason when it must be refused. */
    String field(byte[] buf, int from, int to) {
        int colon = Bytes.indexOf(buf, from, to, (byte) ':');
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
        if (Bytes.equalsIgnoreCase(buf, from, colon, HOST)) {
            hasHost = true;
        } else if (Bytes.equalsIgnoreCase(buf, from, colon, CONTENT_LENGTH)) {
            long n = 0;
            if (v == ve || ve - v > 18) {
                return "400 Bad Request";
            }
            for (int i = v; i < ve; i++) {
                if (!Bytes.isDigit(buf[i])) {
                    return "400 Bad Request";
                }
                n = n * 10 + (buf[i] - '0');
            }
            if (hasContentLength && n != contentLength) {
                return "400 Bad Request";
            }
            hasContentLength = true;
            contentLength = n;
        } else if (Bytes.equalsIgnoreCase(buf, from, colon, TRANSFER_ENCODING)) {
            if (!Bytes.equalsIgnoreCase(buf, v, ve, CHUNKED) || chunked) {
                return "501 Not Implemented";
            }
            chunked = true;
        } else if (Bytes.equalsIgnoreCase(buf, from, colon, CONNECTION)) {
            for (int i = v; i < ve; ) { // a list: close, keep-alive, others
                int comma = Bytes.indexOf(buf, i, ve, (byte) ',');
                int e = comma < 0 ? ve : comma;
                int s = i;
                while (s < e && buf[s] == ' ') {
                    s++;
                }
                int t = e;
                while (t > s && buf[t - 1] == ' ') {
                    t--;
                }
                connectionClose |= Bytes.equalsIgnoreCase(buf, s, t, CLOSE);
                connectionKeepAlive |= Bytes.equalsIgnoreCase(buf, s, t, KEEP_ALIVE);
                i = e + 1;
            }
        }
        return null;
    }

    /** The header block ended: whether the connection stays open; a reason when the request must be refused. */
    String done(HttpRequest request) {
        if (hasContentLength && chunked) {
            return "400 Bad Request";
        }
        if (request.http11 && !hasHost) {
            return "400 Bad Request";
        }
        if (hasContentLength && contentLength > HttpParser.MAX_BODY) {
            return "413 Content Too Large";
        }
        request.keepAlive = request.http11 ? !connectionClose : connectionKeepAlive && !connectionClose;
        return null;
    }
}
