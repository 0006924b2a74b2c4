package org.iolab.apps.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.apps.Upper;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.HttpRoutes;

/**
 * The {@code ws} app: a WebSocket at {@code /ws} that answers every message with the same
 * message, ASCII letters upper-cased (the upper app over WebSocket: what the lab's WebSocket
 * load and the RFC 6455 tests speak); anything else is 404.
 *
 * <p>Thread rule: stateless; one handler per socket.
 */
public final class WebSocketEcho implements HttpRoutes {

    private static final byte[] WS_PATH = "/ws".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = "404 Not Found".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT = "text/plain".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "a WebSocket echo lives at /ws\n".getBytes(StandardCharsets.US_ASCII);

    private final WebSocketOptions options;

    public WebSocketEcho(WebSocketOptions options) {
        this.options = options;
    }

    @Override
    public void answer(HttpRequest r, HttpReply reply) {
        if (r.pathIs(WS_PATH)) {
            WebSocketUpgrade.answer(r, reply, options, Echo::new);
        } else {
            reply.send(NOT_FOUND, TEXT, BODY, BODY.length, null);
        }
    }

    /** One socket's echo. */
    private static final class Echo implements WebSocketHandler {
        private WebSocket ws;

        @Override
        public void open(WebSocket socket) {
            ws = socket;
        }

        @Override
        public void text(ByteBuffer utf8) {
            Upper.inPlace(utf8); // ASCII letters only: UTF-8's other bytes are all 0x80 and up
            ws.sendText(utf8);
        }

        @Override
        public void binary(ByteBuffer data) {
            Upper.inPlace(data);
            ws.sendBinary(data);
        }
    }
}
