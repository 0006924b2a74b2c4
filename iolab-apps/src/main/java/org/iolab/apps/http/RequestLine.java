package org.iolab.apps.http;

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

    private static final byte[] VERSION = Bytes.ascii("HTTP/1.1");
    private static final byte[] CONNECT = Bytes.ascii("CONNECT");
    private static final byte[] OPTIONS = Bytes.ascii("OPTIONS");

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
                    if (digit ? !Bytes.isDigit(b) : b != VERSION[versionAt]) {
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

    /** The major version's digit. */
    byte major(byte[] buf) {
        return buf[targetEnd + 6];
    }

    /**
     * Fills {@code r} from the whole line (copied: the buffer moves on before the request ends):
     * method, version, the path to route and the target's form; a refusal when the form does not
     * go with the method, or the absolute form is not http(s).
     */
    String parse(byte[] buf, HttpRequest r) {
        r.keepLine(buf, start, targetEnd);
        r.methodStart = 0;
        r.methodEnd = methodEnd - start;
        int t = methodEnd + 1 - start;
        int te = targetEnd - start;
        r.http11 = buf[targetEnd + 8] != '0'; // 1.1, or a later 1.x read as 1.1 (RFC 9112 2.3)
        byte[] line = r.buffer;
        boolean connect = Bytes.equals(line, 0, r.methodEnd, CONNECT);
        if (connect) {
            r.form = HttpRequest.Form.AUTHORITY; // host:port
            r.pathStart = t;
            r.pathEnd = te;
            return line[t] == '/' || Bytes.indexOf(line, t, te, (byte) ':') < 0 ? "400 Bad Request" : null;
        }
        if (line[t] == '/') {
            r.form = HttpRequest.Form.ORIGIN;
            r.pathStart = t;
            r.pathEnd = te;
            return null;
        }
        if (te - t == 1 && line[t] == '*') {
            r.form = HttpRequest.Form.ASTERISK;
            r.pathStart = t;
            r.pathEnd = te;
            return Bytes.equals(line, 0, r.methodEnd, OPTIONS) ? null : "400 Bad Request";
        }
        int colon = Bytes.indexOf(line, t, te, (byte) ':');
        if (colon < 0 || te - colon < 3 || line[colon + 1] != '/' || line[colon + 2] != '/'
                || !(Bytes.equalsIgnoreCase(line, t, colon, HTTP) || Bytes.equalsIgnoreCase(line, t, colon, HTTPS))) {
            return "400 Bad Request";
        }
        int authority = colon + 3;
        int path = authority;
        while (path < te && line[path] != '/' && line[path] != '?') {
            path++;
        }
        if (path == authority) {
            return "400 Bad Request"; // http:///x: no host
        }
        r.form = HttpRequest.Form.ABSOLUTE;
        r.authorityStart = authority;
        r.authorityEnd = path;
        r.pathStart = path;
        r.pathEnd = te;
        return null;
    }

    private static final byte[] HTTP = Bytes.ascii("http");
    private static final byte[] HTTPS = Bytes.ascii("https");
}
