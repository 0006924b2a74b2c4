package org.iolab.apps.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.protocol.Addresses;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;

/**
 * A connection after its WebSocket handshake (RFC 6455): the frames that arrive go through the
 * {@link FrameDecoder} to a {@link WebSocketHandler}; pings are answered with pongs (5.5.2); a
 * peer's close is answered with a close, then the TCP connection is closed by the server, as
 * 7.1.1 asks; a broken rule is answered with a close of its code and the end of the connection
 * (7.1.7, "fail the WebSocket connection"). Every close leaves lingering
 * ({@link Transport#closeLingering}), so the peer reads the close frame. {@link Pinger} watches it.
 *
 * <p>Thread rule: the callbacks on the connection's thread; {@link WebSocket}'s methods and
 * {@link #tick} from any thread (each frame leaves in one {@code write}, so frames never interleave).
 */
final class WebSocketProtocol implements Protocol, WebSocket, FrameDecoder.Frames {

    private static final System.Logger LOG = System.getLogger(WebSocketProtocol.class.getName());

    private final WebSocketHandler handler;
    private final WebSocketOptions options;
    private final FrameDecoder decoder;
    private Transport transport;
    private String remote;
    private volatile long lastInput = System.nanoTime();
    private volatile long lastPing;
    private volatile long frameSince;
    private volatile boolean closeSent;
    private volatile int sentCode = 1006;
    private boolean told; // the handler heard of the close (connection thread)

    WebSocketProtocol(WebSocketHandler handler, WebSocketOptions options) {
        this.handler = handler;
        this.options = options;
        this.decoder = new FrameDecoder(options.maxMessage());
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        remote = Addresses.shown(t.remoteAddress());
        Pinger.watch(this);
        handler.open(this);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        lastInput = System.nanoTime();
        decoder.feed(data, this);
        frameSince = decoder.inFrame() ? (frameSince == 0 ? lastInput : frameSince) : 0;
    }

    @Override
    public void message(boolean text, ByteBuffer payload) {
        if (text) {
            handler.text(payload);
        } else {
            handler.binary(payload);
        }
    }

    @Override
    public void ping(ByteBuffer payload) {
        if (!closeSent) {
            transport.write(Frames.frame(FrameDecoder.PONG, payload));
        }
    }

    @Override
    public void pong(ByteBuffer payload) {
        // the input it is stamps the peer alive
    }

    @Override
    public void close(int code, ByteBuffer reason) {
        String why = StandardCharsets.UTF_8.decode(reason).toString();
        sendClose(code == 1005 ? 1005 : code, ""); // answered with its code (none for none)
        tell(code, why);
    }

    @Override
    public void fail(int code, String why) {
        org.iolab.engine.support.SafeLog.log(LOG, System.Logger.Level.DEBUG, "ws-failed",
                () -> "websocket " + remote + " failed (" + code + "): " + why, null);
        sendClose(code, why);
        tell(code, why);
    }

    private void tell(int code, String why) {
        if (!told) {
            told = true;
            handler.closed(code, why);
        }
    }

    /**
     * Sends the close frame once, then closes lingering (no frame is written after it: a send
     * that raced it from another thread may still precede it, never follow the close's end).
     */
    private void sendClose(int code, String reason) {
        if (!closeSent) {
            closeSent = true;
            sentCode = code;
            transport.write(Frames.close(code, reason));
        }
        transport.closeLingering();
    }

    @Override
    public void connectionLost(Throwable cause) {
        Pinger.forget(this);
        tell(closeSent ? sentCode : 1006, closeSent ? "closed by the server"
                : cause == null ? "the connection closed without a close frame" : String.valueOf(cause.getMessage()));
    }

    @Override
    public void writabilityChanged(boolean writable) {
        handler.writable(writable);
    }

    /** The pinger's look at this socket: a ping when quiet, a drop when dead, 1008 for a stalled frame. */
    void tick(long now) {
        if (!transport.isOpen()) {
            Pinger.forget(this);
            return;
        }
        long since = frameSince;
        if (since != 0 && now - since > options.frameTimeout().toNanos()) {
            sendClose(1008, "a frame not completed within " + options.frameTimeout().toSeconds() + " s");
            return;
        }
        long every = options.pingEvery().toNanos();
        if (every <= 0) {
            return;
        }
        long quiet = now - lastInput;
        if (quiet > 2 * every) {
            transport.abort(); // no pong to two pings: the peer is gone
        } else if (quiet > every && now - lastPing > every) {
            lastPing = now;
            transport.write(Frames.frame(FrameDecoder.PING, ByteBuffer.allocate(0)));
        }
    }

    @Override
    public void sendText(ByteBuffer utf8) {
        if (!closeSent) {
            transport.write(Frames.frame(FrameDecoder.TEXT, utf8));
        }
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        if (!closeSent) {
            transport.write(Frames.frame(FrameDecoder.BINARY, data));
        }
    }

    @Override
    public void sendFrame(ByteBuffer frame) {
        if (!closeSent) {
            transport.write(frame);
        }
    }

    @Override
    public void close(int code, String reason) {
        sendClose(code, reason);
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public String remote() {
        return remote;
    }
}
