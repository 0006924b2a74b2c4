package org.iolab.apps.http.h2;

import java.net.InetSocketAddress;
import java.util.Arrays;
import org.iolab.apps.http.Ascii;
import org.iolab.apps.http.HttpRequest;

/**
 * A request's header list as HTTP/2 carries it, checked field by field as HPACK hands them over
 * (RFC 9113 8.2, 8.3) and put into an {@link HttpRequest}: pseudo-header fields ({@code :method},
 * {@code :scheme}, {@code :authority}, {@code :path}) first, each once and no other; names in
 * lower case without controls or spaces; values without CR, LF or NUL and without whitespace at
 * either end; none of HTTP/1.1's connection-specific fields, and {@code te} only as
 * {@code trailers}. A request that breaks one is malformed (8.1.1): its stream is reset with
 * PROTOCOL_ERROR. {@code :authority} is the request's {@code host} when it has none.
 *
 * <p>Thread rule: one connection's.
 */
final class RequestHeaders implements HpackDecoder.Sink {

    private static final byte[][] CONNECTION_SPECIFIC = {Ascii.bytes("connection"), Ascii.bytes("proxy-connection"),
        Ascii.bytes("keep-alive"), Ascii.bytes("transfer-encoding"), Ascii.bytes("upgrade")};
    private static final byte[] TE = Ascii.bytes("te");
    private static final byte[] TRAILERS = Ascii.bytes("trailers");
    private static final byte[] CONTENT_LENGTH = Ascii.bytes("content-length");
    private static final byte[] HOST = Ascii.bytes("host");
    private static final byte[] CONNECT = Ascii.bytes("CONNECT");

    private HttpRequest request;
    private boolean trailers;
    private boolean regularSeen;
    private String malformed;
    private byte[] method = new byte[16];
    private int methodLength = -1;
    private byte[] path = new byte[128];
    private int pathLength = -1;
    private byte[] authority = new byte[64];
    private int authorityLength = -1;
    private boolean scheme;
    private boolean hostSeen;
    private long contentLength;

    /** Starts a request's header list, into {@code r}. */
    void startRequest(HttpRequest r, InetSocketAddress remote, String applicationProtocol) {
        request = r;
        r.reset("HTTP/2", remote, applicationProtocol);
        trailers = false;
        reset();
    }

    /** Starts a trailer section (no pseudo-header fields; the fields are checked and dropped). */
    void startTrailers() {
        request = null;
        trailers = true;
        reset();
    }

    private void reset() {
        regularSeen = false;
        malformed = null;
        methodLength = -1;
        pathLength = -1;
        authorityLength = -1;
        scheme = false;
        hostSeen = false;
        contentLength = -1;
    }

    @Override
    public void field(byte[] b, int ns, int ne, int ve) {
        if (malformed != null) {
            return;
        }
        if (ne > ns && b[ns] == ':') {
            pseudo(b, ns, ne, ve);
            return;
        }
        regularSeen = true;
        if (ne == ns) {
            malformed = "an empty field name";
            return;
        }
        for (int i = ns; i < ne; i++) {
            int c = b[i] & 0xff;
            if (c <= 0x20 || c >= 0x7f || (c >= 'A' && c <= 'Z') || c == ':') {
                malformed = "a field name with an upper-case letter, a space, a colon or a control";
                return;
            }
        }
        for (int i = ne; i < ve; i++) {
            int c = b[i] & 0xff;
            if (c == 0 || c == '\r' || c == '\n') {
                malformed = "a field value with CR, LF or NUL";
                return;
            }
        }
        if (ve > ne && (b[ne] == ' ' || b[ne] == '\t' || b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
            malformed = "a field value with whitespace at an end";
            return;
        }
        for (byte[] name : CONNECTION_SPECIFIC) {
            if (Ascii.equals(b, ns, ne, name)) {
                malformed = "a connection-specific field (" + new String(name, java.nio.charset.StandardCharsets.US_ASCII) + ")";
                return;
            }
        }
        if (Ascii.equals(b, ns, ne, TE) && !Ascii.equals(b, ne, ve, TRAILERS)) {
            malformed = "te other than trailers";
            return;
        }
        if (trailers) {
            return;
        }
        if (Ascii.equals(b, ns, ne, CONTENT_LENGTH)) {
            long n = digits(b, ne, ve);
            if (n < 0 || contentLength >= 0 && n != contentLength) {
                malformed = "a content-length that is not one number";
                return;
            }
            contentLength = n;
        }
        hostSeen |= Ascii.equals(b, ns, ne, HOST);
        request.field(b, ns, ne, ne, ve);
    }

    private void pseudo(byte[] b, int ns, int ne, int ve) {
        if (trailers || regularSeen) {
            malformed = trailers ? "a pseudo-header field in trailers" : "a pseudo-header field after a regular one";
            return;
        }
        int n = ne - ns;
        if (n == 7 && Ascii.equals(b, ns, ne, ":method")) {
            methodLength = methodLength >= 0 ? -2 : copy(b, ne, ve, 0);
        } else if (n == 5 && Ascii.equals(b, ns, ne, ":path")) {
            pathLength = pathLength >= 0 ? -2 : copy(b, ne, ve, 1);
        } else if (n == 10 && Ascii.equals(b, ns, ne, ":authority")) {
            authorityLength = authorityLength >= 0 ? -2 : copy(b, ne, ve, 2);
        } else if (n == 7 && Ascii.equals(b, ns, ne, ":scheme")) {
            if (scheme) {
                malformed = ":scheme twice";
            }
            scheme = true;
        } else {
            malformed = "a pseudo-header field a request does not have";
        }
        if (methodLength == -2 || pathLength == -2 || authorityLength == -2) {
            malformed = "a pseudo-header field twice";
        }
    }

    /** Copies a pseudo-header's value into its own buffer ({@code which}: method, path, authority); its length. */
    private int copy(byte[] b, int from, int to, int which) {
        int n = to - from;
        byte[] dst = which == 0 ? method : which == 1 ? path : authority;
        if (dst.length < n) {
            dst = Arrays.copyOf(dst, Math.max(n, dst.length * 2));
            if (which == 0) {
                method = dst;
            } else if (which == 1) {
                path = dst;
            } else {
                authority = dst;
            }
        }
        System.arraycopy(b, from, dst, 0, n);
        return n;
    }

    /**
     * The list has ended: the request's method and target set; why it is malformed, or
     * {@code null}. {@code isConnect} tells a CONNECT apart (answered 405: no proxy here).
     */
    String finish() {
        if (malformed != null || trailers) {
            return malformed;
        }
        if (methodLength <= 0) {
            return "no :method";
        }
        boolean connect = Ascii.equals(method, 0, methodLength, CONNECT);
        if (!connect && (!scheme || pathLength <= 0)) {
            return pathLength == 0 ? "an empty :path" : "no :scheme or :path";
        }
        if (connect && (authorityLength <= 0 || scheme || pathLength >= 0)) {
            return "a CONNECT without :authority, or with :scheme or :path";
        }
        byte[] line = new byte[methodLength + Math.max(pathLength, authorityLength)];
        System.arraycopy(method, 0, line, 0, methodLength);
        byte[] target = connect ? authority : path;
        int targetLength = connect ? authorityLength : pathLength;
        System.arraycopy(target, 0, line, methodLength, targetLength);
        request.line(line, 0, methodLength, methodLength, methodLength + targetLength);
        if (!hostSeen && authorityLength > 0) {
            byte[] host = new byte[4 + authorityLength];
            System.arraycopy(HOST, 0, host, 0, 4);
            System.arraycopy(authority, 0, host, 4, authorityLength);
            request.field(host, 0, 4, 4, host.length);
        }
        request.contentLength(contentLength);
        return null;
    }

    /** Whether the request is a CONNECT (after {@link #finish}). */
    boolean connect() {
        return methodLength > 0 && Ascii.equals(method, 0, methodLength, CONNECT);
    }

    private static long digits(byte[] b, int from, int to) {
        if (to == from || to - from > 18) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            n = n * 10 + (b[i] - '0');
        }
        return n;
    }
}
