package org.iolab.apps.http;

/**
 * What a framing serves: for each request's head, the {@link Route} that takes it (its body
 * limit, and whether its body streams in). {@link Router} is the usual one; a single handler is
 * a service too ({@link #of}).
 *
 * <p>Thread rule: called from many connections' threads at once.
 */
@FunctionalInterface
public interface HttpService {

    /**
     * The route for a request whose head has come (its body has not yet): never {@code null}
     * (a 404 is a route that answers 404).
     */
    Route route(HttpRequest head, HttpReply reply);

    /** Every request to {@code handler}, bodies whole up to the default limit. */
    static HttpService of(HttpHandler handler) {
        Route r = Route.of(handler, RouteOptions.DEFAULT);
        return (head, reply) -> r;
    }

    /** One matched route: how much body it takes, and how. */
    interface Route {
        /** The largest body this route takes ({@link Long#MAX_VALUE}: no limit); more is refused with 413. */
        long maxBody();

        /** Whether the body streams in ({@link #open}) rather than coming whole ({@link #handle}). */
        boolean streamsBody();

        /** A streaming route: the sink for the body. */
        BodyHandler.Sink open(HttpRequest head, HttpReply reply) throws Exception;

        /** A route whose body came whole. */
        void handle(HttpRequest request, HttpReply reply) throws Exception;

        /** A route of {@code handler}, the body whole (up to {@link RouteOptions#DEFAULT_MAX_BODY} for the default options). */
        static Route of(HttpHandler handler, RouteOptions options) {
            return new SimpleRoute(options.orDefault(RouteOptions.DEFAULT_MAX_BODY).maxBody(), options.blocking(),
                    handler, null);
        }

        /** A route of {@code handler}, the body streamed in. */
        static Route streaming(BodyHandler handler, RouteOptions options) {
            return new SimpleRoute(options.requireStreamable().orDefault(RouteOptions.DEFAULT_MAX_BODY).maxBody(), false,
                    null, handler);
        }
    }
}
