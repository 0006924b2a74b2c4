package org.iolab.apps.http;

/**
 * An HTTP status (RFC 9110 section 15): a code from 100 to 599 and its reason phrase, the same
 * whichever framing carries it (HTTP/1.1 writes {@code 404 Not Found} on its status line,
 * HTTP/2 only {@code :status 404}). The registered codes are constants; {@link #of(int)} gives
 * any other code in range, with an empty reason.
 *
 * <pre>{@code
 * reply.status(Status.CREATED).header("Location", "/items/7").send();
 * reply.status(418).send("I'm a teapot\n");
 * }</pre>
 *
 * <p>Thread rule: immutable.
 */
public final class Status {

    private static final Status[] BY_CODE = new Status[600];

    public static final Status CONTINUE = define(100, "Continue");
    public static final Status SWITCHING_PROTOCOLS = define(101, "Switching Protocols");
    public static final Status EARLY_HINTS = define(103, "Early Hints");
    public static final Status OK = define(200, "OK");
    public static final Status CREATED = define(201, "Created");
    public static final Status ACCEPTED = define(202, "Accepted");
    public static final Status NON_AUTHORITATIVE_INFORMATION = define(203, "Non-Authoritative Information");
    public static final Status NO_CONTENT = define(204, "No Content");
    public static final Status RESET_CONTENT = define(205, "Reset Content");
    public static final Status PARTIAL_CONTENT = define(206, "Partial Content");
    public static final Status MULTIPLE_CHOICES = define(300, "Multiple Choices");
    public static final Status MOVED_PERMANENTLY = define(301, "Moved Permanently");
    public static final Status FOUND = define(302, "Found");
    public static final Status SEE_OTHER = define(303, "See Other");
    public static final Status NOT_MODIFIED = define(304, "Not Modified");
    public static final Status TEMPORARY_REDIRECT = define(307, "Temporary Redirect");
    public static final Status PERMANENT_REDIRECT = define(308, "Permanent Redirect");
    public static final Status BAD_REQUEST = define(400, "Bad Request");
    public static final Status UNAUTHORIZED = define(401, "Unauthorized");
    public static final Status PAYMENT_REQUIRED = define(402, "Payment Required");
    public static final Status FORBIDDEN = define(403, "Forbidden");
    public static final Status NOT_FOUND = define(404, "Not Found");
    public static final Status METHOD_NOT_ALLOWED = define(405, "Method Not Allowed");
    public static final Status NOT_ACCEPTABLE = define(406, "Not Acceptable");
    public static final Status PROXY_AUTHENTICATION_REQUIRED = define(407, "Proxy Authentication Required");
    public static final Status REQUEST_TIMEOUT = define(408, "Request Timeout");
    public static final Status CONFLICT = define(409, "Conflict");
    public static final Status GONE = define(410, "Gone");
    public static final Status LENGTH_REQUIRED = define(411, "Length Required");
    public static final Status PRECONDITION_FAILED = define(412, "Precondition Failed");
    public static final Status CONTENT_TOO_LARGE = define(413, "Content Too Large");
    public static final Status URI_TOO_LONG = define(414, "URI Too Long");
    public static final Status UNSUPPORTED_MEDIA_TYPE = define(415, "Unsupported Media Type");
    public static final Status RANGE_NOT_SATISFIABLE = define(416, "Range Not Satisfiable");
    public static final Status EXPECTATION_FAILED = define(417, "Expectation Failed");
    public static final Status MISDIRECTED_REQUEST = define(421, "Misdirected Request");
    public static final Status UNPROCESSABLE_CONTENT = define(422, "Unprocessable Content");
    public static final Status UPGRADE_REQUIRED = define(426, "Upgrade Required");
    public static final Status PRECONDITION_REQUIRED = define(428, "Precondition Required");
    public static final Status TOO_MANY_REQUESTS = define(429, "Too Many Requests");
    public static final Status REQUEST_HEADER_FIELDS_TOO_LARGE = define(431, "Request Header Fields Too Large");
    public static final Status INTERNAL_SERVER_ERROR = define(500, "Internal Server Error");
    public static final Status NOT_IMPLEMENTED = define(501, "Not Implemented");
    public static final Status BAD_GATEWAY = define(502, "Bad Gateway");
    public static final Status SERVICE_UNAVAILABLE = define(503, "Service Unavailable");
    public static final Status GATEWAY_TIMEOUT = define(504, "Gateway Timeout");
    public static final Status HTTP_VERSION_NOT_SUPPORTED = define(505, "HTTP Version Not Supported");

    private final int code;
    private final String reason;

    private Status(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    private static Status define(int code, String reason) {
        Status s = new Status(code, reason);
        BY_CODE[code] = s;
        return s;
    }

    /**
     * The status with {@code code}: a constant for a registered one, else one with an empty
     * reason phrase.
     *
     * @throws IllegalArgumentException for a code outside 100-599
     */
    public static Status of(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("an HTTP status is 100 to 599, not " + code);
        }
        Status s = BY_CODE[code];
        return s != null ? s : new Status(code, "");
    }

    /**
     * {@code code} with a reason phrase of your own (HTTP/1.1 shows it; HTTP/2 has none).
     *
     * @throws IllegalArgumentException for a code outside 100-599, or a reason with a control
     *     character (CR, LF, NUL...) or a character outside Latin-1: it could not be sent safely
     */
    public static Status of(int code, String reason) {
        Status known = of(code);
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7f || c > 0xff)) {
                throw new IllegalArgumentException("a reason phrase cannot hold the character 0x"
                        + Integer.toHexString(c) + " (at " + i + " of \"" + reason.replaceAll("\\p{Cntrl}", "?") + "\")");
            }
        }
        return reason.equals(known.reason) ? known : new Status(code, reason);
    }

    public int code() {
        return code;
    }

    /** The reason phrase ({@code Not Found}); empty for an unregistered code. */
    public String reason() {
        return reason;
    }

    /** Whether this is an interim answer (1xx), which the server sends itself, never a route. */
    public boolean informational() {
        return code < 200;
    }

    /**
     * Whether an answer with this status may carry content: never a 1xx, 204 or 304 (RFC 9110
     * 6.4.1), which also carry no Content-Length (8.6).
     */
    public boolean allowsContent() {
        return code >= 200 && code != 204 && code != 304;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Status s && s.code == code && s.reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return code;
    }

    /** {@code 404 Not Found}: the code and the reason, as HTTP/1.1's status line has them. */
    @Override
    public String toString() {
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }
}
