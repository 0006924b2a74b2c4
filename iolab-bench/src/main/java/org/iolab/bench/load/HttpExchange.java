package org.iolab.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The lab's load over HTTP/1.1, as TechEmpower's plaintext test asks it: {@code GET /plaintext}
 * on a kept-alive connection, {@code depth} requests written at once (pipelined when more than
 * one), each reply framed by its {@code Content-Length} and checked: status 200 and the body
 * {@code Hello, World!}. A reply without a length, or with more bytes than the requests asked
 * for, is wrong. Headers are not compared (Server and Date differ between servers), but a last
 * reply with {@code Connection: close} (a server's cap of requests per connection) says so, and
 * the load goes on on a new connection.
 *
 * <p>Thread rule: immutable.
 */
public final class HttpExchange extends Exchange {

    public static final String PATH = "/plaintext";
    private static final byte[] REQUEST = ("GET " + PATH + " HTTP/1.1\r\nHost: iolab-lab\r\nAccept: text/plain\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS_OK = "HTTP/1.1 200 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE = "connection: close".getBytes(StandardCharsets.US_ASCII);
    /** A reply's head longer than this is wrong, not incomplete. */
    static final int MAX_HEAD = 8192;

    private final int depth;
    private final ByteBuffer request;

    HttpExchange(int depth) {
        if (depth < 1 || depth > 1024) {
            throw new IllegalArgumentException("pipelining depth must be from 1 to 1024, got " + depth);
        }
        this.depth = depth;
        ByteBuffer all = ByteBuffer.allocate(REQUEST.length * depth);
        for (int i = 0; i < depth; i++) {
            all.put(REQUEST);
        }
        this.request = all.flip().asReadOnlyBuffer();
    }

    @Override
    public ByteBuffer request() {
        return request.duplicate();
    }

    @Override
    public int messages() {
        return depth;
    }

    @Override
    public int payload() {
        return BODY.length;
    }

    @Override
    public int replyCapacity() {
        return 256 * depth;
    }

    @Override
    public Verdict check(ByteBuffer in) {
        int p = in.position();
        int end = in.limit();
        boolean right = true;
        boolean closes = false;
        for (int n = 0; n < depth; n++) {
            int headEnd = headEnd(in, p, end);
            if (headEnd < 0) {
                return end - p > MAX_HEAD ? Verdict.WRONG : Verdict.INCOMPLETE;
            }
            long length = contentLength(in, p, headEnd);
            if (length < 0) {
                return Verdict.WRONG; // no way to tell where this reply ends
            }
            int body = headEnd + 4;
            if (end - body < length) {
                return length > MAX_HEAD ? Verdict.WRONG : Verdict.INCOMPLETE;
            }
            right &= startsWith(in, p, STATUS_OK) && length == BODY.length && startsWith(in, body, BODY);
            closes = field(in, p, headEnd, CONNECTION_CLOSE) >= 0;
            p = body + (int) length;
        }
        if (!right || p != end) {
            return Verdict.WRONG;
        }
        return closes ? Verdict.RIGHT_THEN_CLOSED : Verdict.RIGHT;
    }

    /** Where the blank line after the head starts ({@code \r\n\r\n}), or -1. */
    private static int headEnd(ByteBuffer in, int from, int end) {
        for (int i = from; i + 3 < end; i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where the value of the field named by {@code lowerPrefix} (any case; the name and its colon,
     * or more) starts in the head from {@code from} to {@code headEnd}, or -1 when there is none.
     */
    private static int field(ByteBuffer in, int from, int headEnd, byte[] lowerPrefix) {
        for (int line = from; line < headEnd; ) {
            int next = line;
            while (next < headEnd && in.get(next) != '\n') {
                next++;
            }
            if (next - line >= lowerPrefix.length && startsWithIgnoringCase(in, line, lowerPrefix)) {
                return line + lowerPrefix.length;
            }
            line = next + 1;
        }
        return -1;
    }

    /** The value of the head's Content-Length field, or -1 when it has none or a bad one. */
    private static long contentLength(ByteBuffer in, int from, int headEnd) {
        int i = field(in, from, headEnd, CONTENT_LENGTH);
        if (i < 0) {
            return -1;
        }
        long value = -1;
        for (; i < headEnd && in.get(i) != '\n'; i++) {
            byte b = in.get(i);
            if (b >= '0' && b <= '9' && value < 1_000_000_000L) {
                value = (value < 0 ? 0 : value * 10) + (b - '0');
            } else if (b != ' ' && b != '\t' && b != '\r') {
                return -1;
            }
        }
        return value;
    }

    private static boolean startsWith(ByteBuffer in, int at, byte[] prefix) {
        if (in.limit() - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (in.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoringCase(ByteBuffer in, int at, byte[] lowerPrefix) {
        for (int i = 0; i < lowerPrefix.length; i++) {
            byte b = in.get(at + i);
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lowerPrefix[i]) {
                return false;
            }
        }
        return true;
    }
}
