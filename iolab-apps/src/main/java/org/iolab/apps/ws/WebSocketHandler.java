package org.iolab.apps.ws;

import java.nio.ByteBuffer;

/**
 * An application's side of one WebSocket connection, after the handshake: it is told when the
 * socket opens, each whole message (text already checked as UTF-8; fragments put together), and
 * the close, once. Pings are answered and the close handshake is done for it.
 *
 * <pre>{@code
 * WebSocketHandler echo = new WebSocketHandler() {
 *     private WebSocket ws;
 *     public void open(WebSocket socket) { ws = socket; }
 *     public void text(ByteBuffer utf8) { ws.sendText(utf8); }
 *     public void binary(ByteBuffer data) { ws.sendBinary(data); }
 * };
 * }</pre>
 *
 * <p>Thread rule: the connection's callback thread, one call at a time, in order.
 */
public interface WebSocketHandler {

    /** The socket is open; {@code ws} is its way out. */
    void open(WebSocket ws);

    /** A text message, UTF-8 (valid during the call; it may be changed in place). */
    void text(ByteBuffer utf8);

    /** A binary message (valid during the call; it may be changed in place). */
    void binary(ByteBuffer data);

    /** The socket closed: the code the peer sent or the one it failed with (1006 when it just went away). */
    default void closed(int code, String reason) {
    }

    /** The transport's writability changed (see {@code Protocol.writabilityChanged}). */
    default void writable(boolean writable) {
    }
}
