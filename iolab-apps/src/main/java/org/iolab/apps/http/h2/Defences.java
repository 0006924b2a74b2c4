package org.iolab.apps.http.h2;

import org.iolab.protocol.Counters;

/**
 * The rates one HTTP/2 connection's peer is held to ({@link Http2Limits}), counted over a
 * window of time: resets it sends (Rapid Reset), resets it makes the server send (MadeYouReset),
 * SETTINGS and PING frames, small DATA frames, empty DATA frames in a row. Each check that fails
 * counts its defence in the server's stats ({@code h2.NAME}) and says why, for GOAWAY's debug
 * data.
 *
 * <p>Thread rule: one connection's.
 */
final class Defences {

    private final Http2Limits limits;
    private final Counters counters;
    private final long windowNanos;
    private long windowStart = System.nanoTime();
    private int resetsByPeer;
    private int resetsByServer;
    private int controlFrames;
    private int smallData;
    private int emptyInARow;

    Defences(Http2Limits limits, Counters counters) {
        this.limits = limits;
        this.counters = counters;
        this.windowNanos = limits.windowSeconds() * 1_000_000_000L;
    }

    private void roll() {
        long now = System.nanoTime();
        if (now - windowStart > windowNanos) {
            windowStart = now;
            resetsByPeer = 0;
            resetsByServer = 0;
            controlFrames = 0;
            smallData = 0;
        }
    }

    /** The peer reset a stream. */
    void resetByPeer() throws Http2Exception {
        roll();
        check(++resetsByPeer > limits.resetsByPeer(), "rapidReset", "too many streams reset (RST_STREAM)");
    }

    /** The server reset a stream because of what the peer sent. */
    void resetByServer() throws Http2Exception {
        roll();
        check(++resetsByServer > limits.resetsByServer(), "madeYouReset", "too many frames that made streams reset");
    }

    /** A SETTINGS or PING frame. */
    void controlFrame(String kind) throws Http2Exception {
        roll();
        check(++controlFrames > limits.controlFrames(), kind + "Flood", "too many " + kind.toUpperCase() + " frames");
    }

    /** A DATA frame of {@code length} octets, {@code end} whether it ends its stream. */
    void data(int length, boolean end) throws Http2Exception {
        if (end) {
            emptyInARow = 0;
            return;
        }
        roll();
        emptyInARow = length == 0 ? emptyInARow + 1 : 0;
        check(emptyInARow > limits.emptyData(), "emptyDataFlood", "too many empty DATA frames in a row");
        if (length < 16) {
            check(++smallData > limits.smallData(), "smallDataFlood", "too many tiny DATA frames");
        }
    }

    /** Counts a defence that acted elsewhere ({@code continuationFlood}, {@code hpackBomb}, ...). */
    void count(String defence) {
        counters.count("h2." + defence);
    }

    private void check(boolean over, String defence, String why) throws Http2Exception {
        if (over) {
            count(defence);
            throw Http2Exception.connection(Http2.ENHANCE_YOUR_CALM, why);
        }
    }
}
