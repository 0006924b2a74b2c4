package org.iolab.apps.http.h1;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.iolab.apps.http.BodyWriter;
import org.iolab.apps.http.CallbackEdges;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.Responder;
import org.iolab.protocol.Protocol;

/**
 * One request's answer on an HTTP/1.1 connection, and its place in the connection's order:
 * the {@link Responder} its {@link HttpReply} sends through. HTTP/1.1 answers leave in request
 * order, so an exchange whose answer is ready while an earlier one is still owed (answered later
 * by its route, or a stream not yet ended) keeps its bytes until the earlier ones have gone;
 * the one at the head of the line writes straight into the connection's gathered output.
 *
 * <p>Thread rule: the connection's callback thread (the reply hands every call over to it).
 */
final class Exchange implements Responder {

    private final Http1Connection connection;
    final HttpReply reply;
    /** Bytes made while an earlier answer is owed; null until needed. */
    private ResponseWriter held;
    /** The answer is whole (sent, or held whole). */
    boolean complete;
    boolean head;
    ResponseWriter.Connection closing = ResponseWriter.Connection.NONE;
    private Stream stream;

    Exchange(Http1Connection connection) {
        this.connection = connection;
        this.reply = new HttpReply(this);
    }

    /** Ready for a new request. */
    void reset(boolean isHead, ResponseWriter.Connection c) {
        reply.reset();
        if (held != null) { // references written only when they change (see ReplyHead.clear)
            held = null;
        }
        complete = false;
        head = isHead;
        if (closing != c) {
            closing = c;
        }
        if (stream != null) {
            stream = null;
        }
    }

    /** Where this exchange's bytes go now: the connection's output at the head of the line, else its own. */
    private ResponseWriter out() {
        if (connection.atHead(this)) {
            if (held != null && !held.isEmpty()) {
                connection.output().append(held);
            }
            return connection.output();
        }
        if (held == null) {
            held = new ResponseWriter();
        }
        return held;
    }

    /** Moves what it held to the connection's output (it has reached the head of the line). */
    void release() {
        if (held != null && !held.isEmpty()) {
            connection.output().append(held);
        }
    }

    @Override
    public void send(HttpReply r, ByteBuffer content) {
        out().response(r, content, !head, closing);
        complete = true;
        connection.answered(this);
    }

    @Override
    public void send(HttpReply r, byte[] content, int offset, int length) {
        out().response(r, content, offset, length, !head, closing);
        complete = true;
        connection.answered(this);
    }

    @Override
    public BodyWriter stream(HttpReply r, long length) {
        out().streamHead(r, length, closing);
        stream = new Stream(length);
        return stream;
    }

    @Override
    public void upgrade(HttpReply r, Protocol next) {
        if (!connection.atHead(this)) {
            throw new IllegalStateException("a connection can switch protocols only after every earlier answer has gone");
        }
        out().switching(r);
        complete = true;
        connection.upgradeTo(next);
        connection.answered(this);
    }

    @Override
    public CallbackEdges edges() {
        return connection.edges();
    }

    /** A streamed answer's content: chunks, or the bytes within its Content-Length. */
    private final class Stream implements BodyWriter {
        private final long length;
        private long sent;
        private boolean open = true;
        private String[] names;
        private String[] values;
        private int trailers;

        Stream(long length) {
            this.length = length;
        }

        @Override
        public void write(ByteBuffer data) {
            if (!open || head) {
                data.position(data.limit());
                return;
            }
            if (length < 0) {
                out().chunk(data);
                return;
            }
            int n = data.remaining();
            if (sent + n > length) {
                data.position(data.limit());
                abort(); // more than it said: the client must not take it for whole
                return;
            }
            sent += n;
            out().content(data);
        }

        @Override
        public void trailer(String name, String value) {
            if (length >= 0) {
                throw new IllegalStateException("trailers come with chunks: start the stream without a length");
            }
            if (names == null) {
                names = new String[4];
                values = new String[4];
            } else if (trailers == names.length) {
                names = Arrays.copyOf(names, trailers * 2);
                values = Arrays.copyOf(values, trailers * 2);
            }
            names[trailers] = name;
            values[trailers++] = value;
        }

        @Override
        public void end() {
            if (!open) {
                return;
            }
            if (length >= 0 && sent < length && !head) {
                abort();
                return;
            }
            open = false;
            if (length < 0 && !head) {
                out().lastChunk(names, values, trailers);
            }
            complete = true;
            connection.answered(Exchange.this);
        }

        @Override
        public void abort() {
            if (open) {
                open = false;
                connection.cut();
            }
        }

        @Override
        public boolean isWritable() {
            return open && connection.atHead(Exchange.this) && connection.transport().isWritable();
        }

        @Override
        public long bufferedBytes() {
            return connection.transport().bufferedBytes() + (held == null ? 0 : held.size());
        }

        @Override
        public boolean isOpen() {
            return open && connection.open();
        }
    }
}
