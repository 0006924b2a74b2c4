package org.iolab.apps.http.h2;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.iolab.apps.http.BodyHandler;
import org.iolab.apps.http.CallbackEdges;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpService;
import org.iolab.apps.http.RouteFailures;
import org.iolab.protocol.Counters;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.Transport;

/**
 * HTTP/2 (RFC 9113) on one connection, serving an {@link HttpService}'s routes as HTTP/1.1 does:
 * the preface and SETTINGS, then streams, each a request answered through its {@link H2Stream}.
 * Frames are dispatched here ({@link Frames} checks each against the RFC); output is gathered
 * and leaves in one write per read, DATA as the peer's windows allow ({@link StreamOutput}).
 * Every limit of {@link Http2Limits} is enforced, each a defence counted as {@code h2.NAME}.
 *
 * <ul>
 * <li>An error of the connection: GOAWAY with the last stream id and the code, then the close.
 *     An error of a stream: RST_STREAM; the connection goes on.
 * <li>A graceful stop ({@link #stopRequested}): GOAWAY with the last stream id, the streams in
 *     flight finish, then the close; so after {@code maxStreams} streams.
 * <li>No server push (SETTINGS_ENABLE_PUSH is the client's to refuse; this server never pushes),
 *     and priorities are read and ignored, as RFC 9113 deprecates them.
 * </ul>
 *
 * <p>Thread rule: one per connection; its callbacks, and the tasks it hands itself through
 * {@link Transport#execute}, run one at a time.
 *
 * <p>Over 300 lines on purpose: one connection's streams, windows and closing sequence share its
 * state; the frames' rules ({@link Frames}), a stream's start and its output are apart.
 */
public final class Http2Connection implements Protocol {

    final HttpService service;
    private final Http2Limits limits;
    private final String applicationProtocol;
    final Defences defences;
    final FrameWriter out = new FrameWriter();
    final HpackEncoder encoder = new HpackEncoder();
    final StreamOutput output;
    private final FrameReader reader;
    private final Frames frames;
    final Map<Integer, H2Stream> streams = new HashMap<>();
    Transport transport;
    InetSocketAddress remote;
    /** The highest stream id the peer opened. */
    int lastStreamId;
    /** Streams counted against the concurrency limit: open, or reset while their route runs. */
    int active;
    int opened;
    /** GOAWAY went: no new stream is taken, and the connection closes once the streams are done. */
    boolean goaway;
    /** An error of the connection: nothing more is read; the close follows the GOAWAY. */
    private boolean failed;
    /** The streams this side reset last, a ring (a peer's late frames on older ones are errors, as the RFC allows). */
    private final int[] resetHere = new int[64];
    private int resetAt;
    private boolean ended;
    private final CallbackEdges edges = new CallbackEdges(this::leaving);

    /**
     * @param limits what the peer is allowed (advertised in SETTINGS, and the defences' rates)
     * @param applicationProtocol what ALPN chose over TLS ({@code h2}), or {@code null} in clear text
     * @param counters where the defences are counted (the server's stats)
     */
    public Http2Connection(HttpService service, Http2Limits limits, String applicationProtocol, Counters counters) {
        this.service = service;
        this.limits = limits;
        this.applicationProtocol = applicationProtocol;
        this.defences = new Defences(limits, counters);
        this.reader = new FrameReader(Http2.DEFAULT_FRAME_SIZE);
        this.output = new StreamOutput(this);
        this.frames = new Frames(this, new HpackDecoder(4096, limits.maxHeaderListSize()));
    }

    /** The client's connection preface (a copy). */
    public static byte[] preface() {
        return Http2.PREFACE.clone();
    }

    Http2Limits limits() {
        return limits;
    }

    String applicationProtocol() {
        return applicationProtocol;
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        edges.bind(t);
        remote = t.remoteAddress() instanceof InetSocketAddress a ? a : null;
        edges.enter();
        try { // the server's preface: its SETTINGS (3.4), then a larger connection window
            out.settings(new int[] {Http2.SETTINGS_MAX_CONCURRENT_STREAMS, limits.maxConcurrentStreams(),
                Http2.SETTINGS_INITIAL_WINDOW_SIZE, limits.streamWindow(),
                Http2.SETTINGS_MAX_HEADER_LIST_SIZE, limits.maxHeaderListSize(), Http2.SETTINGS_ENABLE_PUSH, 0});
            if (limits.connectionWindow() > Http2.DEFAULT_WINDOW) {
                out.windowUpdate(0, limits.connectionWindow() - Http2.DEFAULT_WINDOW);
            }
        } finally {
            edges.exit();
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (failed || ended) {
            data.position(data.limit());
            return;
        }
        edges.enter();
        try {
            reader.feed(data, frames);
        } catch (Http2Exception e) {
            fail(e);
        } finally {
            if (edges.leave()) {
                try {
                    leaving();
                } finally {
                    edges.left();
                }
            }
        }
    }

    /** An error of the connection: GOAWAY with its code and why, then the close (once sent). */
    void fail(Http2Exception e) {
        if (!failed) {
            failed = true;
            out.goaway(lastStreamId, e.code, e.getMessage() == null ? "" : e.getMessage());
        }
    }

    /**
     * A stream this side must end with RST_STREAM (a stream error, 5.4.2): counted against the
     * peer when {@code peersFault} (MadeYouReset), unless it is a stream already gone.
     */
    void resetByServer(H2Stream s, int code, boolean peersFault) {
        reset(s.id, code);
        drop(s);
        if (peersFault) {
            try {
                defences.resetByServer();
            } catch (Http2Exception e) {
                fail(e);
            }
        }
    }

    /** RST_STREAM for {@code stream}, remembered: what the peer sent before it heard is ignored. */
    void reset(int stream, int code) {
        out.rstStream(stream, code);
        resetHere[resetAt++ & (resetHere.length - 1)] = stream;
    }

    /**
     * Whether this side reset {@code stream} lately: the peer's frames on it, sent before the
     * RST_STREAM reached it, are ignored (RFC 9113 5.4.2, 6.4) rather than taken for errors.
     */
    boolean resetHere(int stream) {
        for (int id : resetHere) {
            if (id == stream) {
                return true;
            }
        }
        return false;
    }

    /** A stream error on a stream this side does not hold (closed, or refused). */
    void resetUnknown(int stream, int code) throws Http2Exception {
        reset(stream, code);
        defences.resetByServer();
    }

    /** Removes a stream that has ended; it leaves the concurrency count unless its route still runs. */
    void close(H2Stream s) {
        if (streams.remove(s.id) == s && !(s.routed && !s.reply.isAnswered())) {
            active--;
        }
    }

    /** The peer reset {@code s}. */
    void resetByPeer(H2Stream s) {
        drop(s);
    }

    /** {@code s} is reset, by either side: its body aborted, both its halves ended, its output forgotten, itself closed. */
    private void drop(H2Stream s) {
        abortBody(s);
        s.reset = true;
        s.remoteEnded = true;
        s.localEnded = true;
        output.forget(s);
        close(s);
    }

    /**
     * {@code s} ends before its body did: a streaming route's sink is told, and is done with the
     * stream (it leaves the concurrency count with it; an answer it gives later goes nowhere).
     */
    private void abortBody(H2Stream s) {
        if (s.sink != null && !s.remoteEnded) {
            BodyHandler.Sink sink = s.sink;
            s.sink = null;
            if (!s.reply.isAnswered()) {
                s.routed = false;
            }
            RouteFailures.aborted(sink);
        }
    }

    /** A reset stream's route has answered at last: the stream leaves the concurrency count. */
    void answeredAfterReset(H2Stream s) {
        if (s.routed) {
            s.routed = false;
            active--;
        }
    }

    // ---- what streams send

    /** An answer's HEADERS (END_STREAM when nothing follows). */
    void headers(H2Stream s, HttpReply r, long contentLength, boolean endStream) {
        encoder.answer(r.head(), contentLength);
        out.headers(s.id, encoder.block(), encoder.length(), endStream, output.peerMaxFrame());
    }

    /** Content (or the end) for {@code s}, sent as the windows allow. */
    void queue(H2Stream s, ByteBuffer data, boolean end) {
        output.queue(s, data, end);
    }

    /** {@code s} sent END_STREAM: done when the peer had too; else the rest of its request is not wanted (8.1). */
    void streamDone(H2Stream s) {
        if (s.reset) {
            answeredAfterReset(s);
            return;
        }
        if (!s.remoteEnded) {
            reset(s.id, Http2.NO_ERROR);
            s.remoteEnded = true;
        }
        close(s);
    }

    // ---- the connection's edges

    /** Its callbacks' edges: tasks onto its thread, blocking work off it, for its exchanges' answers. */
    CallbackEdges edges() {
        return edges;
    }

    /** Its transport: whether it takes more, what it holds unsent. */
    Transport transport() {
        return transport;
    }

    boolean open() {
        return !ended && !failed && transport.isOpen();
    }

    /** Leaving the outermost callback: what the windows allow is framed, the frames leave in one write. */
    private void leaving() {
        if (!failed) {
            output.flush();
        }
        if (!out.isEmpty()) {
            transport.write(out.drain());
        }
        if (!ended && (failed || goaway && active == 0 && streams.isEmpty())) {
            ended = true;
            transport.close();
        }
    }

    @Override
    public void writabilityChanged(boolean writable) {
        if (writable) {
            edges.enter();
            edges.exit(); // the flush goes on
        }
    }

    /** The server is stopping: GOAWAY with the last stream id; the streams in flight finish, then the close. */
    @Override
    public boolean stopRequested() {
        edges.enter();
        try {
            goAway("the server is stopping");
        } finally {
            edges.exit();
        }
        return true;
    }

    /** A graceful GOAWAY (NO_ERROR), once. */
    void goAway(String why) {
        if (!goaway) {
            goaway = true;
            out.goaway(lastStreamId, Http2.NO_ERROR, why);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        ended = true;
        for (H2Stream s : streams.values().toArray(H2Stream[]::new)) {
            abortBody(s);
            s.reset = true;
        }
        streams.clear();
    }
}
