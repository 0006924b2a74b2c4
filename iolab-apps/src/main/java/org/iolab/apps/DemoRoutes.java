package org.iolab.apps;

import java.nio.ByteBuffer;
import org.iolab.apps.http.Ascii;
import org.iolab.apps.http.BodyHandler;
import org.iolab.apps.http.BodyWriter;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.RouteOptions;
import org.iolab.apps.http.Router;

/**
 * The {@code http} app's routes, an app on the {@link Router} like any other: {@code GET
 * /plaintext} ({@code Hello, World!}, as TechEmpower's plaintext test asks), {@code GET /json},
 * {@code POST /echo} (the body upper-cased as it arrives, answered chunked: a body of any size in
 * constant memory, the lab's upper app over HTTP). The router answers the rest: HEAD for the
 * GET routes, OPTIONS with Allow, 405 with Allow for another method, 404 elsewhere.
 *
 * <p>Thread rule: stateless.
 */
public final class DemoRoutes {

    private static final byte[] HELLO = Ascii.bytes("Hello, World!");
    private static final byte[] JSON = Ascii.bytes("{\"message\":\"Hello, World!\"}");
    private static final String TEXT = "text/plain";
    private static final String JSON_TYPE = "application/json";

    private DemoRoutes() {
    }

    /** The routes, bodies up to the router's default limit (1 MiB). */
    public static Router router() {
        return router(RouteOptions.DEFAULT_MAX_BODY);
    }

    /** The routes, bodies up to {@code maxBody} ({@code Long.MAX_VALUE}: none; {@code serve --max-body}). */
    public static Router router(long maxBody) {
        return new Router().maxBody(maxBody)
                .get("/plaintext", (req, reply) -> reply.contentType(TEXT).send(HELLO))
                .get("/json", (req, reply) -> reply.contentType(JSON_TYPE).send(JSON))
                .streamed("POST", "/echo", DemoRoutes::echo);
    }

    /** Each piece of the body upper-cased and sent on as a chunk; the answer begins with the first bytes, so a refusal before them keeps its status. */
    private static BodyHandler.Sink echo(HttpRequest head, HttpReply reply) {
        return new BodyHandler.Sink() {
            private BodyWriter out;

            @Override
            public void data(ByteBuffer chunk) {
                Upper.inPlace(chunk);
                begin().write(chunk);
            }

            @Override
            public void end() {
                begin().end();
            }

            private BodyWriter begin() {
                if (out == null) {
                    out = reply.contentType(TEXT).stream();
                }
                return out;
            }
        };
    }
}
