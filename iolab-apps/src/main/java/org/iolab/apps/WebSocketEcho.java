package org.iolab.apps;

import java.nio.ByteBuffer;
import org.iolab.apps.http.Router;
import org.iolab.apps.ws.WebSocket;
import org.iolab.apps.ws.WebSocketHandler;
import org.iolab.apps.ws.WebSocketOptions;
import org.iolab.apps.ws.WebSocketUpgrade;

/**
 * The {@code ws} app: a WebSocket at {@code /ws} that answers every message with the same
 * message, ASCII letters upper-cased (the upper app over WebSocket: what the lab's WebSocket
 * load and the RFC 6455 tests speak); anything else is 404.
 *
 * <p>Thread rule: stateless; one handler per socket.
 */
public final class WebSocketEcho {

    private WebSocketEcho() {
    }

    /** The app's routes: the echo at {@code /ws}, under {@code options}. */
    public static Router router(WebSocketOptions options) {
        return new Router().any("/ws", (req, reply) -> WebSocketUpgrade.answer(req, reply, options, Echo::new));
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
