package org.iolab.apps.http.h1;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.apps.http.BodyHandler;
import org.iolab.apps.http.HttpService;
import org.iolab.apps.http.RouteOptions;
import org.iolab.apps.http.Status;

/**
 * What HTTP/1.1's framing answers itself, whatever the routes: {@code OPTIONS *} (what the
 * server as a whole allows, RFC 9110 9.3.7), CONNECT (405: this server is no proxy), and the sink
 * that drops a body whose route has already failed.
 *
 * <p>Thread rule: immutable.
 */
final class ServerRoutes {

    static final String SERVER_ALLOWS = "GET, HEAD, POST, OPTIONS";

    static final HttpService.Route ASTERISK = HttpService.Route.of(
            (req, reply) -> reply.header("Allow", SERVER_ALLOWS).contentType("text/plain").send(), RouteOptions.DEFAULT);

    static final HttpService.Route CONNECT = HttpService.Route.of((req, reply) -> reply
            .status(Status.METHOD_NOT_ALLOWED).header("Allow", SERVER_ALLOWS).contentType("text/plain")
            .send("Method Not Allowed\n".getBytes(StandardCharsets.US_ASCII)), RouteOptions.DEFAULT);

    static final BodyHandler.Sink DISCARD = new BodyHandler.Sink() {
        @Override
        public void data(ByteBuffer chunk) {
            chunk.position(chunk.limit());
        }

        @Override
        public void end() {
        }
    };

    private ServerRoutes() {
    }
}
