package org.iolab.apps.http.h1;

import java.nio.ByteBuffer;
import org.iolab.apps.http.Ascii;
import org.iolab.apps.http.GatherBuffer;
import org.iolab.apps.http.HttpDate;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.Status;

/**
 * HTTP/1.1's bytes for answers, gathered in one buffer so that a read's answers leave in one
 * write (one system call for a pipelined batch), in request order. Every answer's head is
 * written here and only here: the status line, {@code Server}, {@code Date} (IMF-fixdate, RFC
 * 9110 5.6.7), {@code Content-Type}, the framing ({@code Content-Length}, or {@code
 * Transfer-Encoding: chunked}; neither for 1xx, 204 and 304), {@code Connection} when needed,
 * then the route's fields. Their names and values were checked when the route gave them; they
 * are copied a character at a time, so a registered status and constant fields allocate nothing.
 *
 * <p>Thread rule: the connection's callback thread only.
 */
final class ResponseWriter extends GatherBuffer {

    private static final byte[] HTTP11 = Ascii.bytes("HTTP/1.1 ");
    private static final byte[] SERVER = Ascii.bytes("\r\nServer: iolab");
    private static final byte[] DATE = Ascii.bytes("\r\nDate: ");
    private static final byte[] CONTENT_TYPE = Ascii.bytes("\r\nContent-Type: ");
    private static final byte[] CONTENT_LENGTH = Ascii.bytes("\r\nContent-Length: ");
    private static final byte[] CLOSE = Ascii.bytes("\r\nConnection: close");
    private static final byte[] KEEP_ALIVE = Ascii.bytes("\r\nConnection: keep-alive");
    private static final byte[] UPGRADE = Ascii.bytes("\r\nConnection: Upgrade");
    private static final byte[] END = Ascii.bytes("\r\n\r\n");
    private static final byte[] CRLF = Ascii.bytes("\r\n");
    private static final byte[] COLON = Ascii.bytes(": ");
    private static final byte[] CHUNKED = Ascii.bytes("\r\nTransfer-Encoding: chunked");
    private static final byte[] LAST_CHUNK = Ascii.bytes("0\r\n");
    private static final byte[] CONTINUE = Ascii.bytes("HTTP/1.1 100 Continue\r\n\r\n");
    private static final byte[] HEX = Ascii.bytes("0123456789abcdef");
    /** {@code 200 OK} and the rest, per registered code: made once. */
    private static final byte[][] STATUS_LINES = new byte[600][];

    /** The last content type written and its bytes: a route's constant, made into bytes once. */
    private String lastType;
    private byte[] lastTypeBytes;
    private Status lastStatus;
    private byte[] lastStatusLine;
    /**
     * The start of the last head written with no field of the route's (status line, Server, Date,
     * Content-Type) and what made it: a route's answers after the first are one copy of it, made
     * anew when the Date turns (once a second) or the status or type changes, in one array, so
     * that no answer allocates.
     */
    private byte[] startBytes = new byte[256];
    private int startLength;
    private byte[] startDate;
    private Status startStatus;
    private String startType;

    ResponseWriter() {
        super(4096);
    }

    /** What {@code Connection} says of the connection after this answer. */
    enum Connection { NONE, CLOSE, KEEP_ALIVE }

    /**
     * A whole answer: the head, and {@code content} unless {@code withContent} is false (HEAD,
     * whose Content-Length is still the content's). {@code content} is consumed.
     */
    void response(HttpReply reply, ByteBuffer content, boolean withContent, Connection connection) {
        Status status = reply.head().status();
        int n = content == null ? 0 : content.remaining();
        head(reply, connection, status.allowsContent() ? n : -1, false);
        if (content != null) {
            if (withContent && status.allowsContent()) {
                append(content, n);
            } else {
                content.position(content.limit());
            }
        }
    }

    /** A whole answer whose content is {@code length} bytes of {@code content} from {@code offset}. */
    void response(HttpReply reply, byte[] content, int offset, int length, boolean withContent, Connection connection) {
        Status status = reply.head().status();
        boolean carries = status.allowsContent();
        head(reply, connection, carries ? length : -1, false);
        if (withContent && carries) {
            append(content, offset, length);
        }
    }

    /**
     * The head of an answer whose content follows: with Content-Length when {@code contentLength}
     * is known, else {@code Transfer-Encoding: chunked}.
     */
    void streamHead(HttpReply reply, long contentLength, Connection connection) {
        head(reply, connection, contentLength, contentLength < 0);
    }

    /** {@code 101 Switching Protocols} with the reply's fields and {@code Connection: Upgrade}. */
    void switching(HttpReply reply) {
        append(HTTP11);
        append(statusLine(reply.head().status()));
        append(UPGRADE);
        fields(reply);
        append(END);
    }

    /** {@code 100 Continue}, interim, before the body is sent. */
    void interimContinue() {
        append(CONTINUE);
    }

    private void head(HttpReply reply, Connection connection, long contentLength, boolean chunked) {
        byte[] date = HttpDate.now();
        if (reply.head().count() == 0) {
            startAgain(reply, date);
        } else {
            start(reply, date);
        }
        if (chunked) {
            append(CHUNKED);
        } else if (contentLength >= 0) {
            append(CONTENT_LENGTH);
            decimal(contentLength);
        }
        if (connection == Connection.CLOSE) {
            append(CLOSE);
        } else if (connection == Connection.KEEP_ALIVE) {
            append(KEEP_ALIVE);
        }
        fields(reply);
        append(END);
    }

    /** {@link #start}, copied from the last answer's when it was the same. */
    private void startAgain(HttpReply reply, byte[] date) {
        Status status = reply.head().status();
        String type = reply.head().contentType();
        if (date == startDate && status == startStatus && java.util.Objects.equals(type, startType)) {
            append(startBytes, 0, startLength);
            return;
        }
        int from = length;
        start(reply, date);
        startLength = length - from;
        if (startBytes.length < startLength) {
            startBytes = new byte[startLength];
        }
        System.arraycopy(out, from, startBytes, 0, startLength);
        startDate = date;
        startStatus = status;
        startType = type;
    }

    /** The status line, and Server, Date and Content-Type unless the route gave its own. */
    private void start(HttpReply reply, byte[] date) {
        append(HTTP11);
        append(statusLine(reply.head().status()));
        if (!reply.head().has("server")) {
            append(SERVER);
        }
        if (!reply.head().has("date")) {
            append(DATE);
            append(date);
        }
        String type = reply.head().contentType();
        if (type != null) {
            append(CONTENT_TYPE);
            if (type != lastType) {
                lastTypeBytes = type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); // checked to be Latin-1 when given
                lastType = type;
            }
            append(lastTypeBytes);
        }
    }

    private void fields(HttpReply reply) {
        for (int i = 0; i < reply.head().count(); i++) {
            append(CRLF);
            latin1(reply.head().name(i));
            append(COLON);
            latin1(reply.head().value(i));
        }
    }


    /** One chunk: its size in hexadecimal, CRLF, the bytes, CRLF ({@code data} consumed; nothing for none). */
    void chunk(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        ensure(n + 12);
        int digits = (35 - Integer.numberOfLeadingZeros(n)) / 4; // hexadecimal digits, no leading zero
        for (int i = digits - 1; i >= 0; i--) {
            out[length++] = HEX[(n >>> (4 * i)) & 0xf];
        }
        out[length++] = '\r';
        out[length++] = '\n';
        data.get(out, length, n);
        length += n;
        out[length++] = '\r';
        out[length++] = '\n';
    }

    /** Content within a Content-Length, as it is (consumed). */
    void content(ByteBuffer data) {
        append(data, data.remaining());
    }

    /** The last chunk and the trailer section ({@code names}/{@code values}, {@code count} of them). */
    void lastChunk(String[] names, String[] values, int count) {
        append(LAST_CHUNK);
        for (int i = 0; i < count; i++) {
            latin1(names[i]);
            append(COLON);
            latin1(values[i]);
            append(CRLF);
        }
        append(CRLF);
    }

    /** Another writer's gathered bytes (an answer made while others were owed before it). */
    void append(ResponseWriter other) {
        append(other.out, 0, other.length);
        other.length = 0;
    }

    private byte[] statusLine(Status s) {
        if (s != lastStatus) {
            lastStatusLine = line(s);
            lastStatus = s;
        }
        return lastStatusLine;
    }

    private static byte[] line(Status s) {
        byte[] line = s.code() < STATUS_LINES.length && Status.of(s.code()).equals(s) ? STATUS_LINES[s.code()] : null;
        if (line == null) {
            line = Ascii.bytes(s.reason().isEmpty() ? s.code() + " " : s.toString());
            if (Status.of(s.code()).equals(s)) {
                STATUS_LINES[s.code()] = line; // a benign race: the same bytes
            }
        }
        return line;
    }

    private void latin1(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            out[length++] = (byte) s.charAt(i); // checked to be Latin-1 when given
        }
    }

    private void append(byte[] b) {
        append(b, 0, b.length);
    }

    private void decimal(long n) {
        ensure(20);
        if (n < Integer.MAX_VALUE) { // int division: a long one costs several times more, per digit
            int v = (int) n;
            int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : Integer.toString(v).length();
            for (int i = length + digits - 1; i >= length; i--) {
                out[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            length += digits;
            return;
        }
        byte[] text = Long.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        append(text);
    }
}
