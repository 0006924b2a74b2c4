package org.iolab.apps.http.h2;

/**
 * What one HTTP/2 connection allows its peer, each a defence against an attack of 2023-2025
 * with its default (docs/http2.md has the table). The settings are advertised in this side's
 * SETTINGS; the rates are counted per connection over a window of {@code windowSeconds}, and a
 * peer past one gets GOAWAY with ENHANCE_YOUR_CALM, counted as {@code h2.NAME}.
 *
 * @param maxConcurrentStreams streams open at once (SETTINGS_MAX_CONCURRENT_STREAMS); a stream
 *     reset by the peer still counts until its handler is done (Rapid Reset)
 * @param maxHeaderListSize a request's header list, decoded (SETTINGS_MAX_HEADER_LIST_SIZE):
 *     larger gets 431 (an HPACK bomb decodes cheaply past it and is refused)
 * @param maxHeaderBlock a header block's octets over HEADERS and CONTINUATION together
 * @param maxContinuations CONTINUATION frames in one header block (empty ones count)
 * @param streamWindow each stream's receive window (SETTINGS_INITIAL_WINDOW_SIZE)
 * @param connectionWindow the connection's receive window
 * @param maxStreams streams one connection may open in its life (then GOAWAY, as HTTP/1.1's cap)
 * @param resetsByPeer RST_STREAM frames from the peer per window (CVE-2023-44487)
 * @param resetsByServer streams the server had to reset per window (CVE-2025-8671, MadeYouReset)
 * @param controlFrames SETTINGS and PING frames per window (floods)
 * @param emptyData DATA frames without content nor END_STREAM in a row
 * @param smallData DATA frames of under 16 octets without END_STREAM per window (a dribble)
 * @param stalledSeconds how long output may wait on a window the peer keeps shut, while the
 *     peer still talks (zero-window stall); the idle timeout ends a silent one
 * @param windowSeconds the window the rates are counted over
 */
public record Http2Limits(int maxConcurrentStreams, int maxHeaderListSize, int maxHeaderBlock, int maxContinuations,
                          int streamWindow, int connectionWindow, int maxStreams, int resetsByPeer, int resetsByServer,
                          int controlFrames, int emptyData, int smallData, int stalledSeconds, int windowSeconds) {

    /** The defaults. */
    public static final Http2Limits DEFAULTS = new Http2Limits(100, 64 * 1024, 128 * 1024, 32, 256 * 1024,
            1024 * 1024, 100_000, 200, 100, 200, 10, 2000, 30, 10);

    /** Each at least 1 (a window and a stream at least 1 octet, HPACK's list at least one field). */
    public Http2Limits {
        int[] all = {maxConcurrentStreams, maxHeaderListSize, maxHeaderBlock, maxContinuations, streamWindow,
            connectionWindow, maxStreams, resetsByPeer, resetsByServer, controlFrames, emptyData, smallData,
            stalledSeconds, windowSeconds};
        for (int v : all) {
            if (v < 1) {
                throw new IllegalArgumentException("every HTTP/2 limit is at least 1: " + java.util.Arrays.toString(all));
            }
        }
        if (connectionWindow < Http2.DEFAULT_WINDOW) {
            throw new IllegalArgumentException("the connection window starts at 65535 and only grows (RFC 9113 6.9.2): " + connectionWindow);
        }
    }

    /** These limits with {@code maxConcurrentStreams} set to {@code v}. */
    public Http2Limits withMaxConcurrentStreams(int v) {
        return new Http2Limits(v, maxHeaderListSize, maxHeaderBlock, maxContinuations, streamWindow, connectionWindow, maxStreams, resetsByPeer, resetsByServer, controlFrames, emptyData, smallData, stalledSeconds, windowSeconds);
    }

    /** These limits with {@code maxHeaderListSize} set to {@code v}. */
    public Http2Limits withMaxHeaderListSize(int v) {
        return new Http2Limits(maxConcurrentStreams, v, maxHeaderBlock, maxContinuations, streamWindow, connectionWindow, maxStreams, resetsByPeer, resetsByServer, controlFrames, emptyData, smallData, stalledSeconds, windowSeconds);
    }

    /** These limits with {@code maxHeaderBlock} set to {@code v}. */
    public Http2Limits withMaxHeaderBlock(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, v, maxContinuations, streamWindow, connectionWindow, maxStreams, resetsByPeer, resetsByServer, controlFrames, emptyData, smallData, stalledSeconds, windowSeconds);
    }

    /** These limits with {@code maxContinuations} set to {@code v}. */
    public Http2Limits withMaxContinuations(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, maxHeaderBlock, v, streamWindow, connectionWindow, maxStreams, resetsByPeer, resetsByServer, controlFrames, emptyData, smallData, stalledSeconds, windowSeconds);
    }

    /** These limits with {@code streamWindow} set to {@code v}. */
    public Http2Limits withStreamWindow(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, maxHeaderBlock, maxContinuations, v, connectionWindow, maxStreams, resetsByPeer, resetsByServer, controlFrames, emptyData, smallData, stalledSeconds, windowSeconds);
    }

    /** These limits with {@code connectionWindow} set to {@code v}. */
    public Http2Limits withConnectionWindow(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, maxHeaderBlock, maxContinuations, streamWindow, v, maxStreams, resetsByPeer, resetsByServer, controlFrames, emptyData, smallData, stalledSeconds, windowSeconds);
    }

    /** These limits with {@code maxStreams} set to {@code v}. */
    public Http2Limits withMaxStreams(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, maxHeaderBlock, maxContinuations, streamWindow, connectionWindow, v, resetsByPeer, resetsByServer, controlFrames, emptyData, smallData, stalledSeconds, windowSeconds);
    }

    /** These limits with {@code resetsByPeer} set to {@code v}. */
    public Http2Limits withResetsByPeer(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, maxHeaderBlock, maxContinuations, streamWindow, connectionWindow, maxStreams, v, resetsByServer, controlFrames, emptyData, smallData, stalledSeconds, windowSeconds);
    }

    /** These limits with {@code resetsByServer} set to {@code v}. */
    public Http2Limits withResetsByServer(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, maxHeaderBlock, maxContinuations, streamWindow, connectionWindow, maxStreams, resetsByPeer, v, controlFrames, emptyData, smallData, stalledSeconds, windowSeconds);
    }

    /** These limits with {@code controlFrames} set to {@code v}. */
    public Http2Limits withControlFrames(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, maxHeaderBlock, maxContinuations, streamWindow, connectionWindow, maxStreams, resetsByPeer, resetsByServer, v, emptyData, smallData, stalledSeconds, windowSeconds);
    }

    /** These limits with {@code emptyData} set to {@code v}. */
    public Http2Limits withEmptyData(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, maxHeaderBlock, maxContinuations, streamWindow, connectionWindow, maxStreams, resetsByPeer, resetsByServer, controlFrames, v, smallData, stalledSeconds, windowSeconds);
    }

    /** These limits with {@code smallData} set to {@code v}. */
    public Http2Limits withSmallData(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, maxHeaderBlock, maxContinuations, streamWindow, connectionWindow, maxStreams, resetsByPeer, resetsByServer, controlFrames, emptyData, v, stalledSeconds, windowSeconds);
    }

    /** These limits with {@code stalledSeconds} set to {@code v}. */
    public Http2Limits withStalledSeconds(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, maxHeaderBlock, maxContinuations, streamWindow, connectionWindow, maxStreams, resetsByPeer, resetsByServer, controlFrames, emptyData, smallData, v, windowSeconds);
    }

    /** These limits with {@code windowSeconds} set to {@code v}. */
    public Http2Limits withWindowSeconds(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, maxHeaderBlock, maxContinuations, streamWindow, connectionWindow, maxStreams, resetsByPeer, resetsByServer, controlFrames, emptyData, smallData, stalledSeconds, v);
    }
}
