package org.iolab.apps.http.h1;

import org.iolab.apps.http.Ascii;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.Status;
import org.iolab.apps.http.Syntax;

/**
 * What the header fields of one request say that the server acts on, and whether they must be
 * refused, by RFC 9110 and 9112:
 *
 * <ul>
 * <li>Host: exactly one, its value a uri-host with an optional port (9112 3.2: 400 for none in
 *     HTTP/1.1, for two, for an invalid one).
 * <li>Content-Length: digits, or a list of the same number (9110 8.6); different numbers, a sign,
 *     a space inside or an overflow are 400; a length over the body limit 413.
 * <li>Transfer-Encoding (9112 6.1, 6.3): a list over any number of lines; {@code chunked} must be
 *     last and once (else 400, since the body's end cannot be found); another coding 501; with
 *     Content-Length too 400; in HTTP/1.0, faulty framing: 400.
 * <li>Connection: {@code close} and {@code keep-alive} among its options.
 * <li>Expect (9110 10.1.1): {@code 100-continue}, else 417; ignored in HTTP/1.0.
 * </ul>
 *
 * <p>Thread rule: the connection's callback thread only; one per parser, reset per request.
 */
final class RequestHead {

    private static final byte[] HOST = Ascii.bytes("host");
    private static final byte[] CONTENT_LENGTH = Ascii.bytes("content-length");
    private static final byte[] TRANSFER_ENCODING = Ascii.bytes("transfer-encoding");
    private static final byte[] CONNECTION = Ascii.bytes("connection");
    private static final byte[] EXPECT = Ascii.bytes("expect");
    private static final byte[] CHUNKED = Ascii.bytes("chunked");
    private static final byte[] CLOSE = Ascii.bytes("close");
    private static final byte[] KEEP_ALIVE = Ascii.bytes("keep-alive");
    private static final byte[] CONTINUE = Ascii.bytes("100-continue");

    int bytes;
    int fields;
    long contentLength;
    boolean hasContentLength;
    boolean chunked;
    private int hosts;
    private boolean badHost;
    private boolean badLength;
    private int codings;          // transfer codings listed
    private int chunkedAt = -1;   // the index of chunked among them, or -1
    private boolean chunkedTwice;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean expectContinue;
    private boolean expectOther;
    private boolean emptyFraming; // a Content-Length or Transfer-Encoding with no value
    // the list members' handlers, made once: a request allocates nothing
    private final Member lengthMember = this::length;
    private final Member codingMember = this::coding;
    private final Member connectionMember = this::connection;
    private final Member expectMember = this::expectation;

    void reset() {
        bytes = 0;
        fields = 0;
        contentLength = 0;
        hasContentLength = false;
        chunked = false;
        hosts = 0;
        badHost = false;
        badLength = false;
        codings = 0;
        chunkedAt = -1;
        chunkedTwice = false;
        connectionClose = false;
        connectionKeepAlive = false;
        expectContinue = false;
        expectOther = false;
        emptyFraming = false;
    }

    /** One field line, its syntax already checked: name {@code [from, colon)}, value {@code [v, ve)} without OWS. */
    void field(byte[] buf, int from, int colon, int v, int ve) {
        if (Ascii.equalsIgnoreCase(buf, from, colon, HOST)) {
            hosts++;
            for (int i = v; i < ve; i++) {
                badHost |= !Syntax.host(buf[i]);
            }
        } else if (Ascii.equalsIgnoreCase(buf, from, colon, CONTENT_LENGTH)) {
            emptyFraming |= forEachMember(buf, v, ve, lengthMember) == 0;
        } else if (Ascii.equalsIgnoreCase(buf, from, colon, TRANSFER_ENCODING)) {
            emptyFraming |= forEachMember(buf, v, ve, codingMember) == 0;
        } else if (Ascii.equalsIgnoreCase(buf, from, colon, CONNECTION)) {
            forEachMember(buf, v, ve, connectionMember);
        } else if (Ascii.equalsIgnoreCase(buf, from, colon, EXPECT)) {
            forEachMember(buf, v, ve, expectMember);
        }
    }

    private void connection(byte[] b, int s, int e) {
        connectionClose |= Ascii.equalsIgnoreCase(b, s, e, CLOSE);
        connectionKeepAlive |= Ascii.equalsIgnoreCase(b, s, e, KEEP_ALIVE);
    }

    private void expectation(byte[] b, int s, int e) {
        boolean isContinue = Ascii.equalsIgnoreCase(b, s, e, CONTINUE);
        expectContinue |= isContinue;
        expectOther |= !isContinue;
    }

    private void length(byte[] buf, int s, int e) {
        if (e == s || e - s > 18) {
            badLength = true;
            return;
        }
        long n = 0;
        for (int i = s; i < e; i++) {
            if (!Ascii.isDigit(buf[i])) {
                badLength = true;
                return;
            }
            n = n * 10 + (buf[i] - '0');
        }
        badLength |= hasContentLength && n != contentLength;
        hasContentLength = true;
        contentLength = n;
    }

    private void coding(byte[] buf, int s, int e) {
        int semi = Ascii.indexOf(buf, s, e, (byte) ';'); // a coding's parameters are not chunked's
        int name = semi < 0 ? e : semi;
        while (name > s && Syntax.whitespace(buf[name - 1])) {
            name--;
        }
        if (semi < 0 && Ascii.equalsIgnoreCase(buf, s, name, CHUNKED)) {
            chunkedTwice |= chunkedAt >= 0;
            chunkedAt = codings;
        }
        codings++;
    }

    /**
     * The header block ended: sets the request's framing facts (keep-alive, the expectation, the
     * body's length); the refusal when it must be refused (the body's limit is checked by the
     * parser, which knows the route's).
     */
    Status done(HttpRequest request, RequestFacts f) {
        if (hosts > 1 || badHost || f.http11 && hosts == 0 || badLength || emptyFraming) {
            return Status.BAD_REQUEST;
        }
        if (codings > 0) {
            if (!f.http11 || hasContentLength || chunkedTwice || chunkedAt != codings - 1) {
                return Status.BAD_REQUEST; // the body's end cannot be found reliably
            }
            if (codings > 1) {
                return Status.NOT_IMPLEMENTED; // a coding other than chunked, before it
            }
            chunked = true;
        }
        if (f.http11 && expectOther) {
            return Status.EXPECTATION_FAILED;
        }
        f.keepAlive = f.http11 ? !connectionClose : connectionKeepAlive && !connectionClose;
        f.expectContinue = f.http11 && expectContinue && (chunked || contentLength > 0);
        f.chunked = chunked;
        f.contentLength = chunked ? -1 : contentLength;
        request.contentLength(f.contentLength);
        return null;
    }

    /** A member of a comma-separated list, OWS trimmed. */
    @FunctionalInterface
    private interface Member {
        void accept(byte[] buf, int from, int to);
    }

    /** Each non-empty member of the list {@code [v, ve)} (RFC 9110 5.6.1: empty members are ignored); how many. */
    private static int forEachMember(byte[] buf, int v, int ve, Member m) {
        int n = 0;
        for (int i = v; i <= ve; ) {
            int comma = Ascii.indexOf(buf, i, ve, (byte) ',');
            int e = comma < 0 ? ve : comma;
            int s = i;
            while (s < e && Syntax.whitespace(buf[s])) {
                s++;
            }
            int t = e;
            while (t > s && Syntax.whitespace(buf[t - 1])) {
                t--;
            }
            if (t > s) {
                m.accept(buf, s, t);
                n++;
            }
            i = e + 1;
        }
        return n;
    }
}
