package org.iolab.bench.load;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What one exchange of the lab's closed-loop load sends, and how its reply is known to be whole
 * and right: the upper app's echo (a message, its upper-cased copy) or HTTP requests (one, or
 * several pipelined). The load generator knows nothing of either.
 *
 * <p>Thread rule: immutable; one instance serves every connection of a run.
 */
public abstract sealed class Exchange permits Exchange.Upper, HttpExchange {

    /** What the bytes read so far say. */
    public enum Verdict {
        /** The reply is not whole yet: read more. */
        INCOMPLETE,
        /** The whole reply, as expected. */
        RIGHT,
        /** The whole reply (or more than one), not as expected. */
        WRONG,
        /**
         * The whole reply, as expected, and the server closes the connection after it (HTTP's
         * {@code Connection: close}, at a server's cap of requests per connection): the next
         * exchange goes on a new connection, as an HTTP client's would.
         */
        RIGHT_THEN_CLOSED
    }

    /** The apps the lab's load speaks. */
    public static final List<String> APPS = List.of("upper", "http", "ws");

    /** {@code app}, when the lab's load speaks it. @throws IllegalArgumentException naming the ones it speaks */
    public static String requireApp(String app) {
        if (!APPS.contains(app)) {
            throw new IllegalArgumentException("the lab's load speaks " + String.join(" and ", APPS) + ", not '" + app + "'");
        }
        return app;
    }

    /**
     * The exchange the lab runs against {@code app}.
     *
     * @param size the payload of one message (upper: its bytes; http: ignored, the body is
     *     {@code Hello, World!})
     * @param depth requests sent at once, before their replies (http only; 1 for the upper app)
     */
    public static Exchange of(String app, int size, int depth) {
        if (requireApp(app).equals("http")) {
            return new HttpExchange(depth);
        }
        if (app.equals("ws")) {
            if (depth != 1) {
                throw new IllegalArgumentException("the ws app has no pipelining (depth " + depth + ")");
            }
            return new WsExchange(size);
        }
        if (depth != 1) {
            throw new IllegalArgumentException("the upper app has no pipelining (depth " + depth + ")");
        }
        return new Upper(size);
    }

    /** What a connection sends once, before its first exchange (a WebSocket handshake), or {@code null}. */
    public ByteBuffer preamble() {
        return null;
    }

    /**
     * How many bytes of {@code in} (position to limit) answer the {@link #preamble}: -1 while the
     * answer is incomplete, -2 when it refuses (absolute reads only).
     */
    public int preambleEnd(ByteBuffer in) {
        return 0;
    }

    /** The bytes one exchange sends (read-only; rewind before each send). */
    public abstract ByteBuffer request();

    /** The app's messages (requests) in one exchange. */
    public abstract int messages();

    /** The payload bytes one message carries, for the bytes-per-second column. */
    public abstract int payload();

    /** How large a reply buffer to start with; {@link #check} may ask for more by answering INCOMPLETE on a full one. */
    public abstract int replyCapacity();

    /**
     * Looks at the reply bytes from {@code in}'s position to its limit (absolute reads only: the
     * position and limit are left as they were).
     */
    public abstract Verdict check(ByteBuffer in);

    /**
     * The upper app: {@code size} lower-case letters, answered by the same upper-cased; and any
     * exchange of one fixed request for one fixed reply (over WebSocket, framed).
     */
    static sealed class Upper extends Exchange permits WsExchange {
        private final ByteBuffer request;
        private final ByteBuffer expected;
        private final int payload;

        Upper(int size) {
            this(letters(size, 0), letters(size, 32), size);
        }

        /** One exchange: {@code request} sent, {@code expected} the whole reply, {@code payload} of its bytes the app's. */
        Upper(byte[] request, byte[] expected, int payload) {
            this.request = ByteBuffer.wrap(request).asReadOnlyBuffer();
            this.expected = ByteBuffer.wrap(expected).asReadOnlyBuffer();
            this.payload = payload;
        }

        /** {@code n} letters from a to z and round again, less {@code minus} (32: upper case). */
        static byte[] letters(int n, int minus) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) ('a' + i % 26 - minus);
            }
            return b;
        }

        @Override
        public ByteBuffer request() {
            return request.duplicate();
        }

        @Override
        public int messages() {
            return 1;
        }

        @Override
        public int payload() {
            return payload;
        }

        @Override
        public int replyCapacity() {
            return expected.capacity();
        }

        @Override
        public Verdict check(ByteBuffer in) {
            if (in.remaining() < expected.capacity()) {
                return Verdict.INCOMPLETE;
            }
            return in.remaining() == expected.capacity() && in.equals(expected) ? Verdict.RIGHT : Verdict.WRONG;
        }
    }
}
