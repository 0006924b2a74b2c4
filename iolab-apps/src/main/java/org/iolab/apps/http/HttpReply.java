package org.iolab.apps.http;

import org.iolab.protocol.Transport;

/**
 * The answer to one request, gathered with the rest of its read's answers into one write:
 * status, Content-Type, the body (left out for HEAD, its length kept), Connection when the
 * connection ends after it. Or, once, {@link #stream}: the headers of an endless response
 * (server-sent events), after which the route owns the connection's output.
 *
 * <p>Thread rule: the connection's callback thread, during {@link HttpRoutes#answer}.
 */
public final class HttpReply {

    static final byte[] OK = Bytes.ascii("200 OK");
    private static final byte[] STREAM_HEADERS = Bytes.ascii("HTTP/1.1 200 OK\r\nServer: iolab\r\nContent-Type: ");
    private static final byte[] STREAM_END = Bytes.ascii("\r\nCache-Control: no-cache\r\n\r\n");

    private final ResponseWriter out;
    private Transport transport;
    private boolean head;
    private ResponseWriter.Connection connection;
    private boolean answered;
    private boolean streaming;
    private boolean chunked;
    private org.iolab.protocol.Protocol upgradedTo;

    HttpReply(ResponseWriter out) {
        this.out = out;
    }

    void reset(Transport t, boolean isHead, ResponseWriter.Connection c) {
        transport = t;
        head = isHead;
        connection = c;
        answered = false;
        chunked = false;
    }

    /** {@code 200 OK} with this body. */
    public void ok(byte[] contentType, byte[] body, int length) {
        send(OK, contentType, body, length, null);
    }

    /**
     * Any answer: {@code statusLine} ({@code 404 Not Found}), the body, and an Allow header when
     * {@code allow} is not null (405).
     */
    public void send(byte[] statusLine, byte[] contentType, byte[] body, int length, byte[] allow) {
        if (answered) {
            throw new IllegalStateException("one answer per request");
        }
        answered = true;
        out.response(statusLine, contentType, body, length, !head, connection, allow);
    }

    /** {@link #send} with one more header line ({@code Name: value}), when {@code header} is not null. */
    public void sendWith(byte[] statusLine, byte[] contentType, byte[] body, int length, String header) {
        if (answered) {
            throw new IllegalStateException("one answer per request");
        }
        answered = true;
        out.response(statusLine, contentType, body, length, !head, connection, null,
                header == null ? null : header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * Begins a {@code 200 OK} answer whose body follows in {@link #chunk}s ({@code Transfer-Encoding:
     * chunked}), ended by {@link #endChunks}: for a body made as the request's arrives.
     */
    public void startChunked(byte[] contentType) {
        if (answered) {
            throw new IllegalStateException("one answer per request");
        }
        answered = true;
        chunked = true;
        out.chunkedHead(OK, contentType, connection);
    }

    /** The bytes of {@code data} as one chunk (a HEAD answer sends none); {@code data} is consumed. */
    public void chunk(java.nio.ByteBuffer data) {
        if (!chunked) {
            throw new IllegalStateException("startChunked first");
        }
        if (head) {
            data.position(data.limit());
        } else {
            out.chunk(data);
        }
    }

    /** The last chunk. */
    public void endChunks() {
        if (chunked && !head) {
            out.lastChunk();
        }
        chunked = false;
    }

    /**
     * Switches the connection to another protocol (a WebSocket): {@code head} (the 101 answer)
     * leaves with this read's answers, then {@code next} gets {@code connectionMade} and every
     * byte that follows, the rest of this read's included. No more requests are read.
     */
    public void upgrade(byte[] head, org.iolab.protocol.Protocol next) {
        if (answered) {
            throw new IllegalStateException("one answer per request");
        }
        answered = true;
        upgradedTo = next;
        out.raw(head);
    }

    /**
     * Takes the connection over for an endless response ({@code text/event-stream}): its headers
     * now, then whatever the route writes to the returned transport, from any thread, until the
     * client leaves. No more requests are read from the connection.
     */
    public Transport stream(byte[] contentType) {
        if (answered) {
            throw new IllegalStateException("one answer per request");
        }
        answered = true;
        streaming = true;
        out.raw(STREAM_HEADERS);
        out.raw(contentType);
        out.raw(STREAM_END);
        return transport;
    }

    boolean answered() {
        return answered;
    }

    boolean streaming() {
        return streaming;
    }

    /** The protocol {@link #upgrade} switched to, or null. */
    org.iolab.protocol.Protocol upgradedTo() {
        return upgradedTo;
    }
}
