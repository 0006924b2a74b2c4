package org.iolab.apps.http;

/**
 * How one route takes its requests: the largest body it accepts (beyond it, 413 before the body
 * is read). Routes without options of their own take the router's default
 * ({@link Router#maxBody}, 1 MiB unless told).
 *
 * <pre>{@code
 * router.streamed("PUT", "/upload", RouteOptions.unlimitedBody(), uploads);
 * router.route("POST", "/small", handler, RouteOptions.maxBody(4096));
 * }</pre>
 *
 * @param maxBody the largest body in bytes, {@link Long#MAX_VALUE} for no limit (for a route
 *     that streams it: its memory stays bounded), or -1 for the router's default
 */
public record RouteOptions(long maxBody) {

    /** The router's default body limit. */
    public static final RouteOptions DEFAULT = new RouteOptions(-1);
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
        return new RouteOptions(bytes);
    }

    /** Bodies of any size (a route that streams them keeps its memory bounded; one that takes them whole does not). */
    public static RouteOptions unlimitedBody() {
        return new RouteOptions(Long.MAX_VALUE);
    }

    /** These options with the router's default filled in. */
    RouteOptions orDefault(long routerMaxBody) {
        return maxBody >= 0 ? this : new RouteOptions(routerMaxBody);
    }
}
