package org.iolab.apps.http.h2;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.iolab.apps.http.BodyHandler;
import org.iolab.apps.http.BodyWriter;
import org.iolab.apps.http.CallbackEdges;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.HttpService;
import org.iolab.apps.http.Responder;
import org.iolab.protocol.Protocol;

/**
 * One HTTP/2 stream (RFC 9113 5.1) of a server: its request, its reply and the
 * {@link Responder} the reply sends through, its state (open, half-closed one way or the other,
 * closed), its two flow-control windows (6.9), and the content it has answered that the peer's
 * windows have not let out yet. Its states as this side sees them:
 * <pre>
 * idle --HEADERS--&gt; open --END_STREAM from the peer--&gt; half-closed (remote) --our END_STREAM--&gt; closed
 *                    open --our END_STREAM--&gt; half-closed (local) --END_STREAM from the peer--&gt; closed
 *                    any --RST_STREAM either way--&gt; closed
 * </pre>
 *
 * <p>Thread rule: its connection's callback thread (the reply hands every call over to it).
 */
final class H2Stream implements Responder {

    final Http2Connection connection;
    final HttpRequest request = new HttpRequest();
    final HttpReply reply = new HttpReply(this);
    int id;
    HttpService.Route route;
    BodyHandler.Sink sink;
    /** The peer sent END_STREAM (half-closed remote), or the stream was reset. */
    boolean remoteEnded;
    /** This side sent END_STREAM (half-closed local), or the stream was reset. */
    boolean localEnded;
    boolean reset;
    boolean head;
    /** The route was given the request: a reset stream whose route still runs counts as open (Rapid Reset). */
    boolean routed;
    long sendWindow;
    int receiveWindow;
    /** Received octets handed to the route, not yet given back by WINDOW_UPDATE. */
    int unacknowledged;
    long received;
    /** What this side's answer still has to send, in order; END_STREAM after it when {@link #endPending}. */
    final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    long pendingBytes;
    boolean endPending;
    String[] trailerNames;
    String[] trailerValues;
    int trailerCount;
    /** When output first waited on a shut window ({@code System.nanoTime}), or 0. */
    long blockedSince;
    /** Queued among the streams with something to send. */
    boolean ready;

    H2Stream(Http2Connection connection) {
        this.connection = connection;
    }

    /** Ready for a new stream {@code id}. */
    void open(int id, long sendWindow, int receiveWindow) {
        this.id = id;
        reply.reset();
        route = null;
        sink = null;
        remoteEnded = false;
        localEnded = false;
        reset = false;
        head = false;
        routed = false;
        this.sendWindow = sendWindow;
        this.receiveWindow = receiveWindow;
        unacknowledged = 0;
        received = 0;
        pending.clear();
        pendingBytes = 0;
        endPending = false;
        trailerCount = 0;
        blockedSince = 0;
        ready = false;
    }

    /** Both sides ended: the stream is done with. */
    boolean closed() {
        return remoteEnded && localEnded;
    }

    /** Whether its answer waits on flow control (above what one stream may hold, this side stops reading its body). */
    boolean holdingOutput() {
        return pendingBytes > connection.limits().streamWindow();
    }

    // ---- the Responder: the reply's framing

    @Override
    public void send(HttpReply r, ByteBuffer content) {
        if (reset) {
            connection.answeredAfterReset(this); // the peer reset it while its route ran
            return;
        }
        int n = content == null ? 0 : content.remaining();
        boolean withContent = n > 0 && !head && r.head().status().allowsContent();
        connection.headers(this, r, n, !withContent);
        if (withContent) {
            connection.queue(this, content, true);
        } else {
            localEnded = true;
            connection.streamDone(this);
        }
    }

    @Override
    public void send(HttpReply r, byte[] content, int offset, int length) {
        send(r, ByteBuffer.wrap(content, offset, length));
    }

    @Override
    public BodyWriter stream(HttpReply r, long length) {
        if (reset) {
            connection.answeredAfterReset(this);
        } else {
            connection.headers(this, r, head ? length : length, head);
            if (head) {
                localEnded = true;
                connection.streamDone(this);
            }
        }
        return new Body(length);
    }

    @Override
    public void upgrade(HttpReply r, Protocol next) {
        throw new UnsupportedOperationException("switching protocols is HTTP/1.1's: over HTTP/2, a WebSocket"
                + " needs RFC 8441's extended CONNECT, which this server does not offer");
    }

    @Override
    public CallbackEdges edges() {
        return connection.edges();
    }

    /** A streamed answer's content: DATA frames as the windows allow, trailers in a last HEADERS. */
    private final class Body implements BodyWriter {
        private final long length;
        private long written;
        private boolean open = true;

        Body(long length) {
            this.length = length;
        }

        @Override
        public void write(ByteBuffer data) {
            int n = data.remaining();
            if (!open || reset || head || n == 0) {
                data.position(data.limit());
                return;
            }
            if (length >= 0 && written + n > length) {
                data.position(data.limit());
                abort(); // more than it said: the client must not take it for whole
                return;
            }
            written += n;
            connection.queue(H2Stream.this, ByteBuffer.allocate(n).put(data).flip(), false);
        }

        @Override
        public void trailer(String name, String value) {
            if (trailerNames == null) {
                trailerNames = new String[4];
                trailerValues = new String[4];
            } else if (trailerCount == trailerNames.length) {
                trailerNames = java.util.Arrays.copyOf(trailerNames, trailerCount * 2);
                trailerValues = java.util.Arrays.copyOf(trailerValues, trailerCount * 2);
            }
            trailerNames[trailerCount] = name;
            trailerValues[trailerCount++] = value;
        }

        @Override
        public void end() {
            if (!open) {
                return;
            }
            open = false;
            if (length >= 0 && written < length && !head) {
                connection.resetByServer(H2Stream.this, Http2.INTERNAL_ERROR, false);
                return;
            }
            if (!reset) {
                connection.queue(H2Stream.this, null, true);
            }
        }

        @Override
        public void abort() {
            if (open) {
                open = false;
                connection.resetByServer(H2Stream.this, Http2.INTERNAL_ERROR, false);
            }
        }

        @Override
        public boolean isWritable() {
            return open && !reset && !holdingOutput() && connection.transport().isWritable();
        }

        @Override
        public long bufferedBytes() {
            return pendingBytes + connection.transport().bufferedBytes();
        }

        @Override
        public boolean isOpen() {
            return open && !reset && connection.open();
        }
    }
}
