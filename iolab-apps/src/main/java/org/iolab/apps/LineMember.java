package org.iolab.apps;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.iolab.codec.LineDecoder;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;

/**
 * A chat member over a line protocol (TCP, the terminal client, {@code nc}): each line it sends
 * is said in the room as {@code ip:port line}, the room's lines reach it as they are;
 * {@code quit} leaves; a line over {@link ChatRoom#MAX_LINE} gets an error line and a close.
 *
 * <p>Thread rule: the Protocol callbacks on the connection's thread; {@link #send} under the
 * room's lock from any thread.
 */
final class LineMember implements Protocol, ChatRoom.Seat {

    private static final byte[] QUIT = "quit".getBytes(StandardCharsets.US_ASCII);

    private final ChatRoom room;
    private final byte[] prefix;
    private final LineDecoder lines = new LineDecoder(ChatRoom.MAX_LINE);
    private Transport transport;
    private final Runnable notSent = () -> transport.write(ByteBuffer.wrap(ChatRoom.NOT_SENT));

    LineMember(ChatRoom room, String prefix) {
        this.room = room;
        this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public void send(byte[] line) {
        transport.write(ByteBuffer.wrap(line));
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        room.join(this);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        boolean ok = lines.feed(data, this::line);
        if (!ok) {
            room.lineTooLong();
            room.leave(this);
            transport.write(ByteBuffer.wrap(ChatRoom.TOO_LONG));
            transport.close();
        }
    }

    private void line(byte[] line) {
        if (Arrays.equals(line, QUIT)) {
            lines.stop();
            room.quit(this, transport::close); // after its own last lines have come back
            return;
        }
        room.say(this, ChatRoom.message(prefix, line, 0, line.length), notSent);
    }

    @Override
    public void writabilityChanged(boolean writable) {
        if (writable) {
            room.writable(this);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        room.leave(this);
    }
}
