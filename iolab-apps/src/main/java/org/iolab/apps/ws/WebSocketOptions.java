package org.iolab.apps.ws;

import java.time.Duration;
import java.util.List;

/**
 * What a WebSocket endpoint allows and how it watches its peers.
 *
 * <p>Thread rule: immutable.
 *
 * @param maxMessage the longest message taken, fragments together (1009 past it)
 * @param pingEvery how often an open socket is pinged; a peer that sends nothing (not even a
 *     pong) for two of these is taken for dead and dropped (zero: never pinged)
 * @param frameTimeout how long a frame may take to arrive whole once begun (1008 after it)
 * @param allowedOrigins the {@code Origin}s a browser's handshake may carry (403 otherwise);
 *     {@code *} for any. A handshake without Origin (not a browser's) is always taken.
 */
public record WebSocketOptions(int maxMessage, Duration pingEvery, Duration frameTimeout, List<String> allowedOrigins) {

    public static final WebSocketOptions DEFAULTS = new WebSocketOptions(1 << 20, Duration.ofSeconds(20),
            Duration.ofSeconds(30), List.of("*"));

    public WebSocketOptions {
        if (maxMessage < 0) {
            throw new IllegalArgumentException("maxMessage must be 0 or more");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** The same, allowing only {@code origins}. */
    public WebSocketOptions allowing(List<String> origins) {
        return new WebSocketOptions(maxMessage, pingEvery, frameTimeout, origins);
    }

    /** The same, with this message limit. */
    public WebSocketOptions withMaxMessage(int bytes) {
        return new WebSocketOptions(bytes, pingEvery, frameTimeout, allowedOrigins);
    }

    /** The same, with these timings. */
    public WebSocketOptions withTimings(Duration ping, Duration frame) {
        return new WebSocketOptions(maxMessage, ping, frame, allowedOrigins);
    }

    /** Whether a handshake from {@code origin} ({@code null}: none sent) is taken. */
    public boolean allows(String origin) {
        return origin == null || allowedOrigins.contains("*") || allowedOrigins.contains(origin);
    }
}
