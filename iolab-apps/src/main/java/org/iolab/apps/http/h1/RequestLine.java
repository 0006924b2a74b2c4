package org.iolab.apps.http.h1;

import org.iolab.apps.http.Ascii;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.Status;
import org.iolab.apps.http.Syntax;

/**
 * The request-line (RFC 9112 3), checked byte by byte as it arrives, so that what cannot be a
 * request is refused at the first byte that cannot be part of one (a TLS ClientHello sent to the
 * clear port: its first byte, 0x16, is no method's):
 *
 * <pre>
 * request-line   = method SP request-target SP HTTP-version
 * method         = token
 * HTTP-version   = "HTTP/" DIGIT "." DIGIT
 * request-target = origin-form / absolute-form / authority-form / asterisk-form
 * </pre>
 *
 * One space each, visible characters in the target, the version exactly (case matters), no bare
 * CR. Empty lines before it are ignored (2.2). Once whole, {@link #parse} tells the target's form
 * apart (3.2): origin ({@code /path?q}), absolute ({@code http://host/path}: its path is routed,
 * its host is the request's), asterisk ({@code *}, for OPTIONS only) and authority
 * ({@code host:port}, CONNECT's, which this server does not serve).
 *
 * <p>Thread rule: one per parser.
 */
final class RequestLine {

    /** What a byte did. */
    enum Step { MORE, DONE, BAD }

    private enum At { LEADING, LEADING_CR, METHOD, TARGET, VERSION, CR }

    private static final byte[] VERSION = Ascii.bytes("HTTP/1.1");
    private static final byte[] CONNECT = Ascii.bytes("CONNECT");
    private static final byte[] OPTIONS = Ascii.bytes("OPTIONS");

    private At at = At.LEADING;
    /** Where the line starts, and its parts end (absolute indices in the parser's buffer). */
    int start;
    int methodEnd;
    int targetEnd;
    private int versionAt;

    void reset() {
        at = At.LEADING;
    }

    /** Whether bytes of a request line (not just empty lines) have come. */
    boolean begun() {
        return at != At.LEADING && at != At.LEADING_CR;
    }

    /** What the last {@link #scan} ended with. */
    Step step;

    /**
     * Checks {@code buf[i, end)} as far as the line goes; returns where it stopped (after the
     * line's LF when {@link #step} is {@code DONE}, at the bad byte when {@code BAD}, at
     * {@code end} when {@code MORE}). The method and target are scanned in tight loops over
     * their character tables: most of a request-line's bytes cost one lookup each.
     */
    int scan(byte[] buf, int i, int end) {
        while (i < end) {
            switch (at) {
                case METHOD -> {
                    while (i < end && Syntax.tchar(buf[i])) {
                        i++;
                    }
                    if (i == end) {
                        return more(i);
                    }
                    if (buf[i] != ' ') {
                        return bad(i);
                    }
                    methodEnd = i++;
                    at = At.TARGET;
                }
                case TARGET -> {
                    int from = i;
                    while (i < end && Syntax.vchar(buf[i])) {
                        i++;
                    }
                    if (i == end) {
                        return more(i);
                    }
                    if (buf[i] != ' ' || (i == from && i == methodEnd + 1)) {
                        return bad(i); // a control, or an empty target (two spaces)
                    }
                    targetEnd = i++;
                    versionAt = 0;
                    at = At.VERSION;
                }
                default -> {
                    Step s = next(buf, i++);
                    if (s != Step.MORE) {
                        step = s;
                        return s == Step.BAD ? i - 1 : i;
                    }
                }
            }
        }
        return more(i);
    }

    private int more(int i) {
        step = Step.MORE;
        return i;
    }

    private int bad(int i) {
        step = Step.BAD;
        return i;
    }

    /** Checks {@code buf[i]} outside the method and target; {@code DONE} at the line's end. */
    private Step next(byte[] buf, int i) {
        byte b = buf[i];
        switch (at) {
            case LEADING -> {
                if (b == '\n') {
                    return Step.MORE;
                }
                if (b == '\r') {
                    at = At.LEADING_CR;
                    return Step.MORE;
                }
                if (!Syntax.tchar(b)) {
                    return Step.BAD; // no method starts so
                }
                start = i;
                at = At.METHOD;
            }
            case LEADING_CR -> {
                if (b != '\n') {
                    return Step.BAD;
                }
                at = At.LEADING;
            }
            case METHOD, TARGET -> throw new IllegalStateException("scanned in scan()");
            case VERSION -> {
                if (versionAt < VERSION.length) {
                    boolean digit = versionAt == 5 || versionAt == 7;
                    if (digit ? !Ascii.isDigit(b) : b != VERSION[versionAt]) {
                        return Step.BAD;
                    }
                    versionAt++;
                } else if (b == '\r') {
                    at = At.CR;
                } else if (b == '\n') {
                    return Step.DONE;
                } else {
                    return Step.BAD;
                }
            }
            case CR -> {
                return b == '\n' ? Step.DONE : Step.BAD;
            }
        }
        return Step.MORE;
    }

    /** Whether the line so far is still in its method or target (past the limit, that is 414; later, 400). */
    boolean inTarget() {
        return at == At.METHOD || at == At.TARGET;
    }

    /** Whether the version is 1.0 (any other 1.x is read as 1.1, RFC 9112 2.3). */
    boolean minorIsZero(byte[] buf) {
        return buf[targetEnd + 8] == '0';
    }

    /** The major version's digit. */
    byte major(byte[] buf) {
        return buf[targetEnd + 6];
    }

    /**
     * Fills {@code r} (the method and target, copied: the buffer moves on before the request
     * ends) and {@code f} (the version, the target's form) from the whole line; a refusal when
     * the form does not go with the method, or the absolute form is not http(s).
     */
    Status parse(byte[] buf, HttpRequest r, RequestFacts f) {
        r.line(buf, start, methodEnd, methodEnd + 1, targetEnd);
        f.http11 = !minorIsZero(buf);
        int t = methodEnd + 1;
        int te = targetEnd;
        f.head = Ascii.equals(buf, start, methodEnd, HEAD);
        if (Ascii.equals(buf, start, methodEnd, CONNECT)) {
            f.form = RequestFacts.Form.AUTHORITY; // host:port
            return buf[t] == '/' || Ascii.indexOf(buf, t, te, (byte) ':') < 0 ? Status.BAD_REQUEST : null;
        }
        if (buf[t] == '/') {
            f.form = RequestFacts.Form.ORIGIN;
            return null;
        }
        if (te - t == 1 && buf[t] == '*') {
            f.form = RequestFacts.Form.ASTERISK;
            return Ascii.equals(buf, start, methodEnd, OPTIONS) ? null : Status.BAD_REQUEST;
        }
        int colon = Ascii.indexOf(buf, t, te, (byte) ':');
        if (colon < 0 || te - colon < 3 || buf[colon + 1] != '/' || buf[colon + 2] != '/'
                || !(Ascii.equalsIgnoreCase(buf, t, colon, HTTP) || Ascii.equalsIgnoreCase(buf, t, colon, HTTPS))) {
            return Status.BAD_REQUEST;
        }
        int authority = colon + 3;
        int path = authority;
        while (path < te && buf[path] != '/' && buf[path] != '?') {
            path++;
        }
        if (path == authority) {
            return Status.BAD_REQUEST; // http:///x: no host
        }
        f.form = RequestFacts.Form.ABSOLUTE;
        return null;
    }

    private static final byte[] HEAD = Ascii.bytes("HEAD");
    private static final byte[] HTTP = Ascii.bytes("http");
    private static final byte[] HTTPS = Ascii.bytes("https");
}
