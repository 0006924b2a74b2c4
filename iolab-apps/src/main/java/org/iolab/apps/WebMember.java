package org.iolab.apps;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.apps.ws.WebSocket;
import org.iolab.apps.ws.WebSocketHandler;
import org.iolab.protocol.Transport;

/**
 * A chat member in a browser, over a WebSocket: each text message's lines are said in the room as
 * {@code ip:port line}; the room's lines reach it as text messages (without the newline). First it
 * is told who it is ({@code *** you are ip:port}); {@code quit} leaves; a binary message is refused
 * (1003: the room speaks text), a message over {@link ChatRoom#MAX_LINE} too (1009, by the socket).
 *
 * <p>Thread rule: the handler's callbacks on the connection's thread; {@link #send} under the
 * room's lock from any thread.
 */
final class WebMember implements WebSocketHandler, ChatRoom.Seat {

    private final ChatRoom room;
    private WebSocket ws;
    private byte[] prefix;
    private final Runnable notSent = () -> ws.sendText(ByteBuffer.wrap(ChatRoom.NOT_SENT, 0, ChatRoom.NOT_SENT.length - 1));

    WebMember(ChatRoom room) {
        this.room = room;
    }

    @Override
    public void open(WebSocket socket) {
        ws = socket;
        prefix = (socket.remote() + " ").getBytes(StandardCharsets.US_ASCII);
        ws.sendText(StandardCharsets.UTF_8.encode("*** you are " + socket.remote()));
        room.join(this);
    }

    @Override
    public void text(ByteBuffer utf8) {
        byte[] b = new byte[utf8.remaining()];
        utf8.get(b);
        int from = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length || b[i] == '\n') {
                int end = i > from && b[i - 1] == '\r' ? i - 1 : i;
                if (end > from && !line(b, from, end)) {
                    return;
                }
                from = i + 1;
            }
        }
    }

    /** One line of a message; {@code false} when it was quit. */
    private boolean line(byte[] b, int from, int end) {
        if (end - from == 4 && new String(b, from, 4, StandardCharsets.US_ASCII).equals("quit")) {
            room.quit(this, () -> ws.close(1000, "bye")); // after its own last lines have come back
            return false;
        }
        room.say(this, ChatRoom.message(prefix, b, from, end - from), notSent);
        return true;
    }

    @Override
    public void binary(ByteBuffer data) {
        ws.close(1003, "the room speaks text");
    }

    @Override
    public void closed(int code, String reason) {
        room.leave(this);
    }

    @Override
    public void writable(boolean writable) {
        if (writable) {
            room.writable(this);
        }
    }

    @Override
    public Transport transport() {
        return ws.transport();
    }

    @Override
    public void send(byte[] line) {
        ws.sendFrame(WebSocket.textFrame(line, 0, line.length - 1)); // without its newline
    }
}
