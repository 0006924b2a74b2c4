package example;

import java.nio.charset.StandardCharsets;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.HttpRoutes;

/**
 * Two routes: {@code GET /hello} greets, {@code POST /reverse} answers its body reversed; any
 * other path is 404. The server has already framed the request (Content-Length or chunked),
 * answered {@code Expect: 100-continue}, refused what RFC 9112 forbids, and will keep the
 * connection alive or close it as the request asks.
 */
public final class Greeter implements HttpRoutes {

    private static final byte[] TEXT = "text/plain; charset=utf-8".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = "404 Not Found".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOWHERE = "nothing here\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void answer(HttpRequest request, HttpReply reply) { // on the connection's thread: do not block
        if (request.method().equals("GET") && request.path().equals("/hello")) {
            byte[] body = "Hello from iolab!\n".getBytes(StandardCharsets.UTF_8);
            reply.ok(TEXT, body, body.length);
        } else if (request.method().equals("POST") && request.path().equals("/reverse")) {
            String text = new String(request.body(), 0, request.bodyLength(), StandardCharsets.UTF_8);
            byte[] body = new StringBuilder(text).reverse().toString().getBytes(StandardCharsets.UTF_8);
            reply.ok(TEXT, body, body.length);
        } else {
            reply.send(NOT_FOUND, TEXT, NOWHERE, NOWHERE.length, null); // status line, type, body, length, no Allow
        }
    }
}
