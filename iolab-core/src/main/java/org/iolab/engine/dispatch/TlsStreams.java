package org.iolab.engine.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLException;
import org.iolab.tls.TlsContext;
import org.iolab.tls.TlsSession;

/**
 * A {@link TlsSession} over a blocking socket's streams, for a {@code StreamHandler}: the
 * handler reads and writes plaintext streams, this class moves the records. The same session
 * as every other engine's, so the same rules, alerts and truncation.
 *
 * <p>Thread rule: the input is read by one thread (the handler's); the output may be written
 * by any thread, one at a time. The session is touched under one lock, taken by the reader
 * only between its socket reads, so a reader blocked on the socket holds up no writer.
 */
final class TlsStreams implements TlsSession.Peer {

    private static final int READ = 16 * 1024 + 512;

    private final TlsSession session;
    private final InputStream socketIn;
    private final OutputStream socketOut;
    private final Object lock = new Object();
    private final byte[] records = new byte[READ];
    /** Plaintext not yet read by the handler (read mode). Reader thread. */
    private ByteBuffer plain = ByteBuffer.allocate(0);
    private boolean closed; // the peer's close_notify came
    private SSLException truncation;

    TlsStreams(TlsContext context, InputStream socketIn, OutputStream socketOut) {
        this.socketIn = socketIn;
        this.socketOut = socketOut;
        this.session = context.newSession(this);
    }

    /**
     * Runs the handshake, blocking (a deadline closes the socket under it).
     *
     * @throws IOException when it fails (the alert has been sent) or the socket ends first
     */
    void handshake() throws IOException {
        synchronized (lock) {
            session(() -> session.start());
        }
        while (!session.handshaken()) {
            if (!readRecords()) {
                throw truncation != null ? truncation : new SSLException("the peer closed during the TLS handshake");
            }
        }
    }

    /** Sends {@code close_notify} (after what was written). */
    void closeOutbound() throws IOException {
        synchronized (lock) {
            session(session::closeOutbound);
        }
    }

    /** The connection has ended: the session lets go of what it holds (see {@link TlsSession#release}). */
    void release() {
        synchronized (lock) {
            session.release();
        }
    }

    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (!plain.hasRemaining()) {
                    if (closed || !readRecords()) {
                        if (truncation != null) {
                            throw truncation;
                        }
                        return -1;
                    }
                }
                int n = Math.min(len, plain.remaining());
                plain.get(b, off, n);
                return n;
            }

            @Override
            public int available() {
                return plain.remaining();
            }
        };
    }

    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (lock) {
                    session(() -> session.send(ByteBuffer.wrap(b, off, len)));
                }
            }

            @Override
            public void flush() throws IOException {
                socketOut.flush();
            }
        };
    }

    /** Reads one batch of records and decrypts it; {@code false} at the end of the stream. Reader thread. */
    private boolean readRecords() throws IOException {
        int n = socketIn.read(records);
        synchronized (lock) {
            if (n < 0) {
                truncation = session.endOfInput();
                return false;
            }
            session(() -> session.received(ByteBuffer.wrap(records, 0, n)));
        }
        return true;
    }

    /** A session call whose record writes may fail; a TLS failure sends the engine's alert first. */
    private void session(SessionCall call) throws IOException {
        try {
            call.run();
        } catch (SSLException e) {
            try {
                session.closeOutbound();
            } catch (UncheckedIOException ignored) {
                // the alert could not be sent: the failure is the news
            }
            throw e;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface SessionCall {
        void run() throws IOException;
    }

    @Override
    public void sendRecords(ByteBuffer out) {
        try {
            if (out.hasArray()) {
                socketOut.write(out.array(), out.arrayOffset() + out.position(), out.remaining());
                out.position(out.limit());
            } else { // a provider's native records: through the read buffer's twin, a piece at a time
                byte[] copy = new byte[Math.min(out.remaining(), READ)];
                while (out.hasRemaining()) {
                    int n = Math.min(out.remaining(), copy.length);
                    out.get(copy, 0, n);
                    socketOut.write(copy, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void plaintext(ByteBuffer data) {
        if (!plain.hasRemaining()) {
            plain.position(0).limit(0); // all read: start over at the front
        }
        if (plain.capacity() - plain.limit() < data.remaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(plain.remaining() + data.remaining(), 4096));
            bigger.put(plain).flip();
            plain = bigger;
        }
        int at = plain.limit();
        plain.limit(at + data.remaining());
        plain.put(at, data, data.position(), data.remaining());
        data.position(data.limit());
    }

    @Override
    public void handshakeFinished() {
        // handshake() sees it: session.handshaken()
    }

    @Override
    public void peerClosed() {
        closed = true;
    }
}
