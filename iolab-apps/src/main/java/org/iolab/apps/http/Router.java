package org.iolab.apps.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Routes requests by method and path to handlers, with what a client expects for the rest:
 * 404 for a path no route has; 405 with {@code Allow} for a method a known path does not take;
 * {@code OPTIONS} answered with {@code Allow} where no route answers it; {@code HEAD} served by
 * the {@code GET} route (without its content, its length kept). Paths take parameters
 * ({@code /items/{id}}, and a last {@code {path...}} for the rest), read with
 * {@link HttpRequest#pathParam}. Each route has a body limit (the router's default, 1 MiB,
 * unless its {@link RouteOptions} say), enforced with 413 before the body is read.
 *
 * <pre>{@code
 * Router router = new Router()
 *     .get("/hello", (req, reply) -> reply.send("Hello\n"))
 *     .get("/items/{id}", (req, reply) -> reply.json(items.get(req.pathParam("id"))))
 *     .post("/items", (req, reply) -> reply.status(201).json(items.add(req.bodyJson(Item.class))))
 *     .streamed("PUT", "/upload", RouteOptions.unlimitedBody(), uploads)
 *     .jsonMapper(jackson);
 * Server.start(config, HttpProtocol.application(router));
 * }</pre>
 *
 * <p>Routes are tried in the order they were added; the first whose method and path match
 * takes the request. Matching allocates nothing.
 *
 * <p>Thread rule: add routes before serving; then it is read from many connections at once.
 */
public final class Router implements HttpService {

    /** The method of a route that takes every method. */
    private static final String ANY = "*";
    private static final String[] ALLOW_ORDER = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};

    /** Copied on write: routes are added before serving, then only read. */
    private volatile Entry[] entries = new Entry[0];
    private volatile long maxBody = RouteOptions.DEFAULT_MAX_BODY;
    private volatile JsonMapper json;
    private final Route notFound = Route.of((req, reply) -> plain(reply, Status.NOT_FOUND), RouteOptions.DEFAULT);

    /** One route: its method, its path, and how it takes requests. */
    private final class Entry implements Route {
        final String method;
        final byte[] methodBytes;
        final PathPattern path;
        final RouteOptions options;
        final HttpHandler handler;
        final BodyHandler streaming;

        Entry(String method, PathPattern path, RouteOptions options, HttpHandler handler, BodyHandler streaming) {
            this.method = method;
            this.methodBytes = Ascii.bytes(method);
            this.path = path;
            this.options = options;
            this.handler = handler;
            this.streaming = streaming;
        }

        @Override
        public long maxBody() {
            return options.maxBody() >= 0 ? options.maxBody() : maxBody;
        }

        @Override
        public boolean streamsBody() {
            return streaming != null;
        }

        @Override
        public BodyHandler.Sink open(HttpRequest head, HttpReply reply) throws Exception {
            return streaming.open(head, reply);
        }

        @Override
        public void handle(HttpRequest request, HttpReply reply) throws Exception {
            if (options.blocking()) {
                BlockingCall.handle(handler, request, reply);
            } else {
                handler.handle(request, reply);
            }
        }
    }

    /** {@code GET path}; {@code HEAD} is served by it too. */
    public Router get(String path, HttpHandler handler) {
        return route("GET", path, handler);
    }

    public Router post(String path, HttpHandler handler) {
        return route("POST", path, handler);
    }

    public Router put(String path, HttpHandler handler) {
        return route("PUT", path, handler);
    }

    public Router patch(String path, HttpHandler handler) {
        return route("PATCH", path, handler);
    }

    public Router delete(String path, HttpHandler handler) {
        return route("DELETE", path, handler);
    }

    /**
     * {@code path}, whatever the method, to {@code handler} (which answers each method as it
     * sees fit: a WebSocket's path refuses all but GET with 400, as RFC 6455 4.2.1 asks).
     */
    public Router any(String path, HttpHandler handler) {
        return route(ANY, path, handler);
    }

    /** {@code method path} to {@code handler}, the body whole up to the router's limit. */
    public Router route(String method, String path, HttpHandler handler) {
        return route(method, path, handler, RouteOptions.DEFAULT);
    }

    /**
     * {@code method path} to {@code handler}, the body whole, with {@code options}.
     *
     * @throws IllegalArgumentException for a method that is not a token or a path that is not
     *     {@code /...} with whole-segment parameters
     */
    public Router route(String method, String path, HttpHandler handler, RouteOptions options) {
        return add(method, path, options, java.util.Objects.requireNonNull(handler, "handler"), null);
    }

    /** {@code method path}, the body streamed to {@code handler}'s sink as it arrives, up to the router's limit. */
    public Router streamed(String method, String path, BodyHandler handler) {
        return streamed(method, path, RouteOptions.DEFAULT, handler);
    }

    /** {@code method path}, the body streamed to {@code handler}'s sink as it arrives, with {@code options}. */
    public Router streamed(String method, String path, RouteOptions options, BodyHandler handler) {
        return add(method, path, options.requireStreamable(), null, java.util.Objects.requireNonNull(handler, "handler"));
    }

    /** The body limit of routes without one of their own ({@link Long#MAX_VALUE}: none). */
    public Router maxBody(long bytes) {
        RouteOptions.maxBody(bytes);
        maxBody = bytes;
        return this;
    }

    /** Your JSON library, for {@link HttpReply#json} and {@link HttpRequest#bodyJson}. */
    public Router jsonMapper(JsonMapper mapper) {
        json = mapper;
        return this;
    }

    private Router add(String method, String path, RouteOptions options, HttpHandler handler, BodyHandler streaming) {
        Syntax.checkName(method); // "*" is a token too: ANY
        if (method.equals("CONNECT")) {
            throw new IllegalArgumentException("CONNECT asks for a tunnel: this server is no proxy");
        }
        synchronized (this) {
            Entry[] more = java.util.Arrays.copyOf(entries, entries.length + 1);
            more[entries.length] = new Entry(method, new PathPattern(path), options, handler, streaming);
            entries = more;
        }
        return this;
    }

    @Override
    public Route route(HttpRequest head, HttpReply reply) {
        JsonMapper mapper = json;
        if (mapper != null) {
            head.json(mapper);
            reply.json(mapper);
        }
        byte[] raw = head.raw();
        int from = head.pathStart();
        int to = head.pathEnd();
        int[] offsets = head.paramOffsets();
        Entry byGet = null;
        boolean pathKnown = false;
        Entry[] all = entries;
        for (int i = 0; i < all.length; i++) {
            Entry e = all[i];
            if (!e.path.matches(raw, from, to, offsets)) {
                continue;
            }
            pathKnown = true;
            if (e.method == ANY || head.methodIs(e.methodBytes)) {
                head.params(e.path.names());
                return e;
            }
            if (byGet == null && e.method.equals("GET") && head.methodIs("HEAD")) {
                byGet = e;
            }
        }
        if (byGet != null) {
            byGet.path.matches(raw, from, to, offsets); // its ranges again: a later candidate may have written over them
            head.params(byGet.path.names());
            return byGet;
        }
        if (!pathKnown) {
            return notFound;
        }
        String allow = allowed(raw, from, to, offsets);
        if (head.methodIs("OPTIONS")) {
            return Route.of((req, r) -> r.header("Allow", allow).contentType("text/plain").send(), RouteOptions.DEFAULT);
        }
        return Route.of((req, r) -> plain(r.header("Allow", allow), Status.METHOD_NOT_ALLOWED), RouteOptions.DEFAULT);
    }

    /** The methods the path takes, as {@code Allow} lists them: GET, HEAD (with GET), ..., OPTIONS. */
    private String allowed(byte[] raw, int from, int to, int[] offsets) {
        Set<String> methods = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (e.path.matches(raw, from, to, offsets)) {
                methods.add(e.method);
                if (e.method.equals("GET")) {
                    methods.add("HEAD");
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String m : ALLOW_ORDER) {
            if (methods.remove(m)) {
                ordered.add(m);
            }
        }
        methods.remove("OPTIONS");
        ordered.addAll(methods);
        ordered.add("OPTIONS");
        return String.join(", ", ordered);
    }

    /** An answer with its status's reason as the text: {@code Not Found}. */
    static void plain(HttpReply reply, Status status) {
        reply.status(status).contentType("text/plain").send((status.reason() + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
