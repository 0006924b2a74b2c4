package org.iolab.apps.http.h2;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * HTTP/2's flow control for one connection (RFC 9113 5.2, 6.9), both ways. Sending: each stream's
 * content waits in the stream until its window and the connection's let it out, in DATA frames
 * no larger than the peer's SETTINGS_MAX_FRAME_SIZE, the streams taking turns a frame at a time;
 * a stream whose window is shut waits among the blocked until a WINDOW_UPDATE opens it, the
 * others going on. Receiving: the peer's DATA counts against the connection's window and its
 * stream's, each given back (WINDOW_UPDATE) once half of it has been taken by the routes; a
 * stream whose answer waits unsent beyond a window's worth gets no more back until it drains,
 * so a client that uploads without reading slows its own stream, and the server's memory stays
 * bounded.
 *
 * <p>Thread rule: its connection's callback thread.
 */
final class StreamOutput {

    /** Octets framed per flush at most: the rest after the write, or when the transport drains. */
    private static final int BUDGET = 256 * 1024;

    private final Http2Connection c;
    private final ArrayDeque<H2Stream> ready = new ArrayDeque<>();
    private final ArrayDeque<H2Stream> blocked = new ArrayDeque<>();
    private long sendWindow = Http2.DEFAULT_WINDOW;
    private long peerInitialWindow = Http2.DEFAULT_WINDOW;
    private int peerMaxFrame = Http2.DEFAULT_FRAME_SIZE;
    private long receiveWindow;
    private int unacknowledged;

    StreamOutput(Http2Connection c) {
        this.c = c;
        this.receiveWindow = Math.max(c.limits().connectionWindow(), Http2.DEFAULT_WINDOW);
    }

    int peerMaxFrame() {
        return peerMaxFrame;
    }

    long peerInitialWindow() {
        return peerInitialWindow;
    }

    // ---- sending

    /** Queues {@code data} (or nothing) for {@code s}, then END_STREAM when {@code end}. */
    void queue(H2Stream s, ByteBuffer data, boolean end) {
        if (data != null && data.hasRemaining()) {
            s.pending.add(data);
            s.pendingBytes += data.remaining();
        }
        s.endPending |= end;
        ready(s);
    }

    private void ready(H2Stream s) {
        if (!s.ready) {
            s.ready = true;
            ready.add(s);
        }
    }

    /** {@code s} is gone: what it queued is dropped (it is skipped where it waits). */
    void forget(H2Stream s) {
        s.pending.clear();
        s.pendingBytes = 0;
        s.endPending = false;
    }

    /** Frames what the windows allow, the streams taking turns, up to a budget per write. */
    void flush() {
        while (!ready.isEmpty() && c.out.size() < BUDGET) {
            H2Stream s = ready.poll();
            s.ready = false;
            if (s.reset || s.localEnded) {
                continue;
            }
            if (!next(s)) {
                if (s.blockedSince == 0) {
                    s.blockedSince = System.nanoTime();
                }
                blocked.add(s);
            } else if (!s.pending.isEmpty() || s.endPending) {
                ready(s);
            }
        }
    }

    /** One frame of {@code s}'s content (or its end); {@code false} when a window is shut. */
    private boolean next(H2Stream s) {
        ByteBuffer b = s.pending.peek();
        if (b == null) {
            if (s.endPending) {
                s.endPending = false;
                s.localEnded = true;
                if (s.trailerCount > 0) {
                    c.encoder.trailers(s.trailerNames, s.trailerValues, s.trailerCount);
                    c.out.headers(s.id, c.encoder.block(), c.encoder.length(), true, peerMaxFrame);
                } else {
                    c.out.data(s.id, b == null ? EMPTY : b, 0, true);
                }
                c.streamDone(s);
            }
            return true;
        }
        int n = (int) Math.min(Math.min(b.remaining(), peerMaxFrame), Math.min(s.sendWindow, sendWindow));
        if (n <= 0) {
            return false;
        }
        boolean last = n == b.remaining() && s.pending.size() == 1 && s.endPending && s.trailerCount == 0;
        c.out.data(s.id, b, n, last);
        s.sendWindow -= n;
        sendWindow -= n;
        s.pendingBytes -= n;
        s.blockedSince = 0;
        if (!b.hasRemaining()) {
            s.pending.poll();
        }
        if (last) {
            s.endPending = false;
            s.localEnded = true;
            c.streamDone(s);
        } else if (!s.holdingOutput()) {
            giveBack(s, false); // it drained below a window's worth: its upload may go on
        }
        return true;
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** A WINDOW_UPDATE from the peer: for the connection when {@code s} is null (6.9.1). */
    void opened(H2Stream s, int increment) throws Http2Exception {
        if (s == null) {
            sendWindow += increment;
            if (sendWindow > Http2.MAX_WINDOW) {
                throw Http2Exception.connection(Http2.FLOW_CONTROL_ERROR, "the connection's window over 2^31-1");
            }
            while (!blocked.isEmpty()) {
                ready(blocked.poll());
            }
            return;
        }
        s.sendWindow += increment;
        if (s.sendWindow > Http2.MAX_WINDOW) {
            c.resetByServer(s, Http2.FLOW_CONTROL_ERROR, true);
            return;
        }
        if (blocked.remove(s)) {
            ready(s);
        }
    }

    /** The peer's SETTINGS_INITIAL_WINDOW_SIZE: every stream's window moves by the change (6.9.2). */
    void initialWindow(long value) throws Http2Exception {
        long delta = value - peerInitialWindow;
        peerInitialWindow = value;
        for (H2Stream s : c.streams.values()) {
            s.sendWindow += delta;
            if (s.sendWindow > Http2.MAX_WINDOW) {
                throw Http2Exception.connection(Http2.FLOW_CONTROL_ERROR, "a stream's window over 2^31-1");
            }
        }
        if (delta > 0) {
            while (!blocked.isEmpty()) {
                ready(blocked.poll());
            }
        }
    }

    void maxFrame(int value) {
        peerMaxFrame = value;
    }

    /** Whether a stream's output has waited on a shut window longer than the limit (zero-window stall). */
    boolean stalled() {
        long limit = c.limits().stalledSeconds() * 1_000_000_000L;
        long now = System.nanoTime();
        for (H2Stream s : blocked) {
            if (!s.reset && s.blockedSince != 0 && now - s.blockedSince > limit) {
                return true;
            }
        }
        return false;
    }

    // ---- receiving

    /** DATA of {@code length} octets (padding included) arrived for {@code s} (or a stream gone: null). */
    void received(H2Stream s, int length) throws Http2Exception {
        if (length > receiveWindow) {
            throw Http2Exception.connection(Http2.FLOW_CONTROL_ERROR, "DATA beyond the connection's window");
        }
        receiveWindow -= length;
        unacknowledged += length;
        if (unacknowledged >= c.limits().connectionWindow() / 2) {
            c.out.windowUpdate(0, unacknowledged);
            receiveWindow += unacknowledged;
            unacknowledged = 0;
        }
        if (s != null) {
            if (length > s.receiveWindow) {
                c.resetByServer(s, Http2.FLOW_CONTROL_ERROR, true);
                return;
            }
            s.receiveWindow -= length;
            s.unacknowledged += length;
        }
    }

    /** The route took what {@code s} received: its window back once half of it is out, unless its answer holds too much. */
    void giveBack(H2Stream s, boolean now) {
        if (s.remoteEnded || s.reset || s.holdingOutput()) {
            return;
        }
        if (s.unacknowledged >= c.limits().streamWindow() / 2 || now && s.unacknowledged > 0) {
            c.out.windowUpdate(s.id, s.unacknowledged);
            s.receiveWindow += s.unacknowledged;
            s.unacknowledged = 0;
        }
    }
}
