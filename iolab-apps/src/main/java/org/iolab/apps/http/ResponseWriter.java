package org.iolab.apps.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The responses to one read's requests, gathered in one buffer so that they leave in one
 * write (one system call for a pipelined batch, not one per response), in request order.
 * Reused for every read of its connection.
 *
 * <p>Thread rule: the connection's callback thread only.
 */
final class ResponseWriter {

    private static final byte[] HTTP11 = HttpParser.ascii("HTTP/1.1 ");
    private static final byte[] SERVER = HttpParser.ascii("\r\nServer: iolab\r\nDate: ");
    private static final byte[] CONTENT_TYPE = HttpParser.ascii("\r\nContent-Type: ");
    private static final byte[] CONTENT_LENGTH = HttpParser.ascii("\r\nContent-Length: ");
    private static final byte[] CLOSE = HttpParser.ascii("\r\nConnection: close");
    private static final byte[] KEEP_ALIVE = HttpParser.ascii("\r\nConnection: keep-alive");
    private static final byte[] ALLOW = HttpParser.ascii("\r\nAllow: ");
    private static final byte[] END = HttpParser.ascii("\r\n\r\n");
    private static final byte[] CRLF = HttpParser.ascii("\r\n");
    private static final byte[] CHUNKED = HttpParser.ascii("\r\nTransfer-Encoding: chunked");
    private static final byte[] LAST_CHUNK = HttpParser.ascii("0\r\n\r\n");

    private byte[] out = new byte[4096];
    private int length;

    /** What {@code Connection} says of the connection after this response. */
    enum Connection { NONE, CLOSE, KEEP_ALIVE }

    /**
     * One response: status line, Server, Date, Content-Type, Content-Length (of the whole body,
     * even when {@code withBody} is false, as HEAD asks), Connection when needed, Allow when
     * given, then the body.
     */
    void response(byte[] statusLine, byte[] contentType, byte[] body, int bodyLength, boolean withBody,
                  Connection connection, byte[] allow) {
        response(statusLine, contentType, body, bodyLength, withBody, connection, allow, null);
    }

    /** {@link #response}, with one more header line ({@code Name: value}) when {@code extra} is not null. */
    void response(byte[] statusLine, byte[] contentType, byte[] body, int bodyLength, boolean withBody,
                  Connection connection, byte[] allow, byte[] extra) {
        head(statusLine, contentType);
        append(CONTENT_LENGTH);
        appendDecimal(bodyLength);
        connection(connection);
        if (allow != null) {
            append(ALLOW);
            append(allow);
        }
        if (extra != null) {
            append(CRLF);
            append(extra);
        }
        append(END);
        if (withBody) {
            append(body, bodyLength);
        }
    }

    /** The head of a chunked response: status, Server, Date, Content-Type, Transfer-Encoding, Connection. */
    void chunkedHead(byte[] statusLine, byte[] contentType, Connection connection) {
        head(statusLine, contentType);
        append(CHUNKED);
        connection(connection);
        append(END);
    }

    /** The status line, Server, Date and Content-Type (the header line's value unterminated). */
    private void head(byte[] statusLine, byte[] contentType) {
        append(HTTP11);
        append(statusLine);
        append(SERVER);
        append(HttpDate.now());
        append(CONTENT_TYPE);
        append(contentType);
    }

    private void connection(Connection connection) {
        if (connection == Connection.CLOSE) {
            append(CLOSE);
        } else if (connection == Connection.KEEP_ALIVE) {
            append(KEEP_ALIVE);
        }
    }

    /** One chunk: its size in hexadecimal, CRLF, the bytes, CRLF ({@code data} consumed; nothing for none). */
    void chunk(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        ensure(n + 12);
        int digits = (39 - Integer.numberOfLeadingZeros(n)) / 4; // hexadecimal digits, at least 1
        for (int i = digits - 1; i >= 0; i--) {
            out[length++] = (byte) "0123456789abcdef".charAt((n >>> (4 * i)) & 0xf);
        }
        out[length++] = '\r';
        out[length++] = '\n';
        data.get(out, length, n);
        length += n;
        out[length++] = '\r';
        out[length++] = '\n';
    }

    /** The last chunk and an empty trailer section. */
    void lastChunk() {
        append(LAST_CHUNK);
    }

    /** Bytes as they are (the head of a streamed response). */
    void raw(byte[] b) {
        append(b);
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** The gathered responses, for one write; then empty again. */
    ByteBuffer drain() {
        ByteBuffer b = ByteBuffer.wrap(out, 0, length);
        length = 0;
        return b;
    }

    private void append(byte[] b) {
        append(b, b.length);
    }

    private void append(byte[] b, int n) {
        ensure(n);
        System.arraycopy(b, 0, out, length, n);
        length += n;
    }

    private void appendDecimal(int n) {
        ensure(11);
        if (n == 0) {
            out[length++] = '0';
            return;
        }
        int digits = 0;
        for (int v = n; v > 0; v /= 10) {
            digits++;
        }
        for (int i = length + digits - 1; i >= length; i--) {
            out[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        length += digits;
    }

    private void ensure(int n) {
        if (length + n > out.length) {
            out = Arrays.copyOf(out, Math.max(length + n, out.length * 2));
        }
    }
}
