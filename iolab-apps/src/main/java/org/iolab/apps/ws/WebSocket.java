package org.iolab.apps.ws;

import java.nio.ByteBuffer;
import org.iolab.protocol.Transport;

/**
 * One WebSocket connection, as its {@link WebSocketHandler} sends on it: messages (each one
 * frame, in one write), and the close handshake. Backpressure is the transport's: a handler that
 * keeps sending to a peer that does not read watches {@link #transport()}'s writability, or drops
 * it, as the chat room does.
 *
 * <p>Thread rule: every method from any thread (a chat room sends to other members' sockets).
 */
public interface WebSocket {

    /** Sends a text message: {@code utf8}'s remaining bytes, which must be UTF-8 (consumed). */
    void sendText(ByteBuffer utf8);

    /** Sends a binary message (consumed). */
    void sendBinary(ByteBuffer data);

    /** Sends the prepared frame of a text message ({@link #textFrame}): for one message sent to many. */
    void sendFrame(ByteBuffer frame);

    /** Begins the close handshake with {@code code} and {@code reason} (125 bytes at most); idempotent. */
    void close(int code, String reason);

    /** The connection under it: writability, buffered bytes, the peer's address. */
    Transport transport();

    /** The peer, as {@code ip:port}. */
    String remote();

    /** A text message's frame, built once, for {@link #sendFrame} to many sockets. */
    static ByteBuffer textFrame(byte[] utf8, int from, int length) {
        return Frames.frame(FrameDecoder.TEXT, ByteBuffer.wrap(utf8, from, length));
    }
}
