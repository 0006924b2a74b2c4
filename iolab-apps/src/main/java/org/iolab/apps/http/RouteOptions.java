package org.iolab.apps.http;

/**
 * How one route takes its requests: the largest body it accepts (beyond it, 413 before the body
 * is read), and whether its handler blocks. Routes without options of their own take the
 * router's default ({@link Router#maxBody}, 1 MiB unless told) and run on the connection's
 * thread, an event loop on most engines, which must never wait.
 *
 * <pre>{@code
 * router.streamed("PUT", "/upload", RouteOptions.unlimitedBody(), uploads);
 * router.route("POST", "/small", handler, RouteOptions.maxBody(4096));
 * router.route("GET", "/report", (req, reply) -> reply.json(database.report()), RouteOptions.BLOCKING);
 * }</pre>
 *
 * @param maxBody the largest body in bytes, {@link Long#MAX_VALUE} for no limit (for a route
 *     that streams it: its memory stays bounded), or -1 for the router's default
 * @param blocking the handler runs on the server's worker pool, not on the connection's thread
 *     (for handlers that wait or compute long: see {@code org.iolab.server.Workers}); its answers
 *     still leave in request order; 503 when the pool is full. Not for a route that streams its
 *     body (its sink runs as the bytes arrive: hand its work to {@code Transport.executeBlocking})
 */
public record RouteOptions(long maxBody, boolean blocking) {

    /** The router's default body limit. */
    public static final RouteOptions DEFAULT = new RouteOptions(-1, false);
    /** The router's default body limit, the handler on the worker pool. */
    public static final RouteOptions BLOCKING = new RouteOptions(-1, true);
    /** The default body limit of a router made without one: 1 MiB. */
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;

    public RouteOptions {
        if (maxBody < -1) {
            throw new IllegalArgumentException("a body limit is 0 or more bytes, not " + maxBody);
        }
    }

    /** Bodies of up to {@code bytes}. */
    public static RouteOptions maxBody(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a body limit is 0 or more bytes, not " + bytes);
        }
        return new RouteOptions(bytes, false);
    }

    /** Bodies of any size (a route that streams them keeps its memory bounded; one that takes them whole does not). */
    public static RouteOptions unlimitedBody() {
        return new RouteOptions(Long.MAX_VALUE, false);
    }

    /** These options, the handler on the worker pool ({@link #blocking}). */
    public RouteOptions asBlocking() {
        return new RouteOptions(maxBody, true);
    }

    /** Refuses these options for a route that streams its body. */
    RouteOptions requireStreamable() {
        if (blocking) {
            throw new IllegalArgumentException("a route that streams its body cannot be declared blocking: its sink"
                    + " is called as the bytes arrive; hand its slow work to Transport.executeBlocking instead");
        }
        return this;
    }

    /** These options with the router's default filled in. */
    RouteOptions orDefault(long routerMaxBody) {
        return maxBody >= 0 ? this : new RouteOptions(routerMaxBody, blocking);
    }
}
