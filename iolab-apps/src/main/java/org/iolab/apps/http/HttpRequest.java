package org.iolab.apps.http;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A request as a route reads it, whichever framing carried it (HTTP/1.1 or HTTP/2): the method,
 * the target (its path and query, raw and decoded), the header fields by name, the body, who
 * sent it and over what. Header names are case-insensitive; a repeated field gives every value.
 *
 * <pre>{@code
 * router.get("/items/{id}", (req, reply) -> {
 *     String id = req.pathParam("id");                 // decoded
 *     String sort = req.queryParam("sort");            // decoded, or null
 *     List<String> accept = req.headers("accept");     // every Accept line
 *     reply.send("item " + id + " sorted by " + sort);
 * });
 * }</pre>
 *
 * <p><b>Lifetime.</b> A request is valid while its route runs (and, for a body that streams in,
 * until the body's end): a connection reuses it for the next request, so that serving one
 * allocates nothing. A route that answers later ({@link HttpReply#later}) keeps what it needs
 * (strings, {@link #bodyBytes}) before it returns. The accessors that return a {@code String}
 * or a list make one.
 *
 * <p><b>For framings.</b> The methods under "filling" are a framing's, to set the request up
 * from its bytes; a route has no use for them.
 *
 * <p>Thread rule: the connection's callback thread only.
 *
 * <p>Over 300 lines for its Javadoc: it is the API a route reads; the fields are apart ({@code Fields}), and so is decoding ({@code Percent}).
 */
public final class HttpRequest {

    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"};

    /** The method and the target, as bytes. */
    private byte[] bytes = new byte[128];
    private int length;
    private int methodEnd;
    private int targetStart;
    private int targetEnd;
    /** Where the target's {@code ?} is in {@link #bytes}, or {@code -1}: found once per request. */
    private int queryMark = -1;
    private final Fields fields;
    private String version = "HTTP/1.1";
    private InetSocketAddress remote;
    private String applicationProtocol;
    private byte[] body = new byte[0];
    private int bodyLength;
    private long contentLength;
    // the route's, set as it is matched
    private String[] paramNames = new String[0];
    private final int[] params = new int[2 * PathPattern.MAX_PARAMS];
    private JsonMapper json;

    /** An empty request, for a framing to fill. */
    public HttpRequest() {
        fields = new Fields();
    }

    private HttpRequest(Fields fields) {
        this.fields = fields;
    }

    /**
     * A copy that stays valid after the route returns (the connection reuses this one for the
     * next request): what a route declared blocking reads on its worker thread.
     */
    HttpRequest copy() {
        HttpRequest r = new HttpRequest(fields.copy());
        r.bytes = Arrays.copyOf(bytes, length);
        r.length = length;
        r.methodEnd = methodEnd;
        r.targetStart = targetStart;
        r.targetEnd = targetEnd;
        r.queryMark = queryMark;
        r.version = version;
        r.remote = remote;
        r.applicationProtocol = applicationProtocol;
        r.body = Arrays.copyOf(body, bodyLength);
        r.bodyLength = bodyLength;
        r.contentLength = contentLength;
        r.paramNames = paramNames;
        System.arraycopy(params, 0, r.params, 0, params.length);
        r.json = json;
        return r;
    }

    // ---- the request line

    /** The method, upper case as sent ({@code GET}); the common ones without a new string. */
    public String method() {
        for (String m : METHODS) {
            if (methodIs(m)) {
                return m;
            }
        }
        return new String(bytes, 0, methodEnd, StandardCharsets.US_ASCII);
    }

    /** Whether the method is {@code name} (case-sensitive, as methods are). Allocates nothing. */
    public boolean methodIs(String name) {
        return Ascii.equals(bytes, 0, methodEnd, name);
    }

    /** Whether the method is {@code name}'s bytes. */
    boolean methodIs(byte[] name) {
        return Ascii.equals(bytes, 0, methodEnd, name);
    }

    /** The request-target as sent: {@code /items/7?sort=name} (an absolute form, {@code *} or an authority as they came). */
    public String target() {
        return new String(bytes, targetStart, targetEnd - targetStart, StandardCharsets.ISO_8859_1);
    }

    /** The path as sent, before any {@code ?}: {@code /a%20b}; {@code /} for an absolute form's empty path. */
    public String rawPath() {
        int s = pathStart();
        int e = pathEnd();
        return s == e ? "/" : new String(bytes, s, e - s, StandardCharsets.ISO_8859_1);
    }

    /** The path, percent-decoded as UTF-8: {@code /a b}. */
    public String path() {
        return Percent.decode(bytes, pathStart(), pathEnd(), false);
    }

    /** Whether the raw path is {@code path} exactly. Allocates nothing. */
    public boolean pathIs(String path) {
        int s = pathStart();
        int e = pathEnd();
        return s == e ? path.equals("/") : Ascii.equals(bytes, s, e, path);
    }

    /** The query as sent, after the {@code ?} and before any {@code #}; {@code null} when there is none. */
    public String rawQuery() {
        int q = queryStart();
        return q < 0 ? null : new String(bytes, q, targetEnd - q, StandardCharsets.ISO_8859_1);
    }

    /** The first value of query parameter {@code name}, decoded ({@code +} is a space), or {@code null}. */
    public String queryParam(String name) {
        List<String> all = queryParams(name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every value of query parameter {@code name}, decoded, in order ({@code ?tag=a&tag=b}). */
    public List<String> queryParams(String name) {
        int q = queryStart();
        return q < 0 ? List.of() : Percent.queryValues(bytes, q, targetEnd, name);
    }

    /** A parameter of the route's path ({@code id} of {@code /items/{id}}), decoded; {@code null} when it has none. */
    public String pathParam(String name) {
        for (int i = 0; i < paramNames.length; i++) {
            if (paramNames[i].equals(name)) {
                return Percent.decode(bytes, params[2 * i], params[2 * i + 1], false);
            }
        }
        return null;
    }

    // ---- header fields

    /** The first value of the field {@code name} (any case), or {@code null}. */
    public String header(String name) {
        return fields.first(name);
    }

    /**
     * Every value of the field {@code name}, one per field line, in order; empty when it is
     * absent. (A list-valued field's members stay joined as sent: {@code a, b}.)
     */
    public List<String> headers(String name) {
        return fields.all(name);
    }

    /** Whether the field {@code name} came. Allocates nothing. */
    public boolean hasHeader(String name) {
        return fields.has(name);
    }

    /** The names of the fields that came, lower case, each once, in order of first appearance. */
    public List<String> headerNames() {
        return fields.names();
    }

    /** How many field lines came. */
    public int headerCount() {
        return fields.count();
    }

    // ---- the body

    /** The body as it came whole (read-only; empty for none, and for a body that streamed to the route). */
    public ByteBuffer body() {
        return ByteBuffer.wrap(body, 0, bodyLength).asReadOnlyBuffer();
    }

    /** A copy of the body's bytes. */
    public byte[] bodyBytes() {
        return Arrays.copyOf(body, bodyLength);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    /**
     * The body read as {@code type} by the router's {@link JsonMapper}.
     *
     * @throws IllegalStateException when the router has no JSON mapper
     * @throws Exception what the mapper throws for a body it cannot read (a route that lets it
     *     escape answers 500; catch it to answer 400)
     */
    public <T> T bodyJson(Class<T> type) throws Exception {
        if (json == null) {
            throw new IllegalStateException("no JSON mapper: give the router one (Router.jsonMapper)");
        }
        return json.read(bodyBytes(), type);
    }

    /** The body's length as the request framed it; -1 when it came without one (chunked, or HTTP/2 without content-length). */
    public long contentLength() {
        return contentLength;
    }

    // ---- the connection

    /** {@code HTTP/1.1}, {@code HTTP/1.0} or {@code HTTP/2}. */
    public String protocol() {
        return version;
    }

    /** The protocol ALPN chose over TLS ({@code h2}, {@code http/1.1}), or {@code null} (clear text, or no ALPN). */
    public String applicationProtocol() {
        return applicationProtocol;
    }

    /** Whether the request came over TLS. */
    public boolean secure() {
        return applicationProtocol != null;
    }

    /** The client's address. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String toString() {
        return method() + " " + target() + " " + version;
    }

    // ---- filling (a framing's)

    /** Starts a new request on a connection: {@code HTTP/2}, {@code HTTP/1.1} or {@code HTTP/1.0}. */
    public void reset(String version, InetSocketAddress remote, String applicationProtocol) {
        // references written only when they change: a store into an old object costs a GC barrier
        if (this.version != version) {
            this.version = version;
        }
        if (this.remote != remote) {
            this.remote = remote;
        }
        if (this.applicationProtocol != applicationProtocol) {
            this.applicationProtocol = applicationProtocol;
        }
        length = 0;
        methodEnd = 0;
        targetStart = 0;
        queryMark = -1;
        targetEnd = 0;
        fields.clear();
        bodyLength = 0;
        contentLength = 0;
        if (paramNames != NO_PARAMS) {
            paramNames = NO_PARAMS;
        }
        if (json != null) {
            json = null;
        }
    }

    private static final String[] NO_PARAMS = new String[0];

    /** The method and the target, copied from {@code src}. */
    public void line(byte[] src, int methodStart, int methodEnd, int targetStart, int targetEnd) {
        length = 0;
        append(src, methodStart, targetEnd); // one copy: the method, the space, the target
        this.methodEnd = methodEnd - methodStart;
        this.targetStart = targetStart - methodStart;
        this.targetEnd = targetEnd - methodStart;
        this.queryMark = Ascii.indexOf(bytes, this.targetStart, this.targetEnd, (byte) '?');
    }

    /** One field: name {@code [ns, ne)} and value {@code [vs, ve)} of {@code src}, copied. */
    public void field(byte[] src, int ns, int ne, int vs, int ve) {
        fields.add(src, ns, ne, vs, ve);
    }

    /**
     * One field as {@link #field}, left in {@code src} (a parser's buffer): the framing keeps
     * those bytes as they are while the request is in use, or calls {@link #keepFields} first.
     */
    public void fieldInPlace(byte[] src, int ns, int ne, int vs, int ve) {
        fields.addInPlace(src, ns, ne, vs, ve);
    }

    /** Copies the fields left in place into the request's own bytes: the buffer they are in is about to change. */
    public void keepFields() {
        fields.keep();
    }

    /** The body's length as framed ({@code -1}: unknown). */
    public void contentLength(long n) {
        contentLength = n;
    }

    /** Appends to the body kept whole. */
    public void appendBody(byte[] src, int from, int n) {
        if (bodyLength + n > body.length) {
            body = Arrays.copyOf(body, Math.max(bodyLength + n, Math.max(256, body.length * 2)));
        }
        System.arraycopy(src, from, body, bodyLength, n);
        bodyLength += n;
    }

    /** The bytes of the body so far. */
    public int bodyLength() {
        return bodyLength;
    }

    // ---- the router's

    /** The raw path's bytes, for matching: {@link #pathStart} to {@link #pathEnd} of {@link #raw}. */
    byte[] raw() {
        return bytes;
    }

    int pathStart() {
        int s = targetStart;
        if (targetEnd - s >= 7 && bytes[s] != '/' && bytes[s] != '*') { // the absolute form: skip scheme://authority
            int colon = Ascii.indexOf(bytes, s, targetEnd, (byte) ':');
            if (colon > 0 && colon + 2 < targetEnd && bytes[colon + 1] == '/' && bytes[colon + 2] == '/') {
                int slash = Ascii.indexOf(bytes, colon + 3, targetEnd, (byte) '/');
                int q = Ascii.indexOf(bytes, colon + 3, targetEnd, (byte) '?');
                int end = slash < 0 ? targetEnd : slash;
                return q >= 0 && q < end ? q : end;
            }
        }
        return s;
    }

    int pathEnd() {
        return queryMark < 0 ? targetEnd : queryMark;
    }

    private int queryStart() {
        return queryMark < 0 ? -1 : queryMark + 1;
    }

    /** Where the route's match puts its parameters' ranges in {@link #raw}: two per parameter. */
    int[] paramOffsets() {
        return params;
    }

    /** The matched route's parameter names (their ranges are in {@link #paramOffsets}). */
    void params(String[] names) {
        if (paramNames != names) {
            paramNames = names;
        }
    }

    void json(JsonMapper mapper) {
        if (json != mapper) {
            json = mapper;
        }
    }

    private void append(byte[] src, int from, int to) {
        int n = to - from;
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
        }
        System.arraycopy(src, from, bytes, length, n);
        length += n;
    }
}
