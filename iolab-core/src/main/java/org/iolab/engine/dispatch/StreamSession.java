package org.iolab.engine.dispatch;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.iolab.engine.support.Clock;
import org.iolab.engine.support.Deadlines;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.ConnectionSet;
import org.iolab.engine.support.SafeLog;
import org.iolab.engine.support.ServerContext;
import org.iolab.engine.support.TlsFailures;
import org.iolab.server.ServerStats;
import org.iolab.protocol.Connection;
import org.iolab.protocol.StreamHandler;

/**
 * One connection served by a {@link StreamHandler}: the handler's thread owns the streams; when
 * {@code handle} returns the output is flushed and the socket closed. The streams stamp what the
 * timeouts need (input, an incomplete line, a write in progress), so that a half-sent line, an
 * idle peer or one that never reads cannot hold the handler's thread (a pool worker) for ever:
 * the sweeper closes the socket, which ends the blocked read or write.
 *
 * <p>Thread rule: {@link #run} on the dispatched thread; {@link #close}, {@link #abort} and
 * {@link #checkTimeouts} from other threads (they close the socket, which ends blocked calls).
 */
final class StreamSession implements Connection, ConnectionSet.Member, Runnable {

    private static final System.Logger LOG = System.getLogger(StreamSession.class.getName());

    private final Socket socket;
    private final StreamHandler handler;
    private final ServerContext server;
    private final Deadlines deadlines;
    private volatile long writingSince;
    private volatile boolean timedOut;
    private InputStream input;
    private volatile OutputStream output;

    StreamSession(Socket socket, StreamHandler handler, ServerContext server) {
        this.socket = socket;
        this.handler = handler;
        this.server = server;
        this.deadlines = new Deadlines(server);
    }

    @Override
    public void run() {
        TlsStreams tls = null;
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (server.config().tls() != null) {
                tls = new TlsStreams(server.tls(), in, out);
                if (!handshake(tls)) {
                    return;
                }
                in = tls.input();
                out = tls.output();
            }
            input = new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int c = super.read();
                    if (c >= 0) {
                        deadlines.input((byte) c);
                    }
                    return c;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        deadlines.input(b[off + n - 1]);
                    }
                    return n;
                }
            };
            output = new BufferedOutputStream(out, 8192) {
                @Override
                public synchronized void write(byte[] b, int off, int len) throws IOException {
                    writingSince = Clock.now();
                    try {
                        super.write(b, off, len);
                        flush(); // a reply is sent when written, like sendall
                    } finally {
                        writingSince = 0;
                    }
                }

                @Override
                public synchronized void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }
            };
            handler.handle(this);
            output.flush();
            if (tls != null) {
                tls.closeOutbound();
            }
            socket.shutdownOutput();
        } catch (IOException e) {
            if (!socket.isClosed()) {
                SafeLog.log(LOG, System.Logger.Level.DEBUG, "stream-ended", () -> "stream connection ended: " + e, null);
            }
        } catch (Throwable e) {
            server.stats().onCallbackFailure();
            SafeLog.log(LOG, System.Logger.Level.WARNING, "callback-failed", () -> "handler failed on "
                    + socket.getRemoteSocketAddress() + ": " + e, e);
        } finally {
            Closeables.closeQuietly(socket);
            if (tls != null) {
                tls.release();
            }
            server.connections().remove(this);
        }
    }

    /** The TLS handshake, under its deadline; {@code false} when it failed (counted, logged, the alert sent). */
    private boolean handshake(TlsStreams tls) {
        try {
            tls.handshake();
            deadlines.handshakeDone();
            server.stats().onTlsHandshake();
            return true;
        } catch (IOException e) {
            if (!timedOut) {
                TlsFailures.record(server.stats(), socket.getRemoteSocketAddress(), e, true);
            }
            return false;
        }
    }

    /** Closes on a passed deadline: a line gets an error line first, a stalled write a reset. Never blocks. */
    @Override
    public void checkTimeouts(long now) {
        if (timedOut) {
            return;
        }
        ServerStats.Timeout kind = deadlines.expired(now, writingSince);
        if (kind == null) {
            return;
        }
        timedOut = true;
        server.connections().timedOut(this, kind);
        switch (kind) {
            case LINE -> Thread.ofVirtual().name("iolab-line-timeout").start(() -> {
                try {
                    ByteBuffer message = deadlines.lineTimeoutMessage();
                    OutputStream o = output; // the handler's stream: encrypted over TLS
                    if (o != null) {
                        o.write(message.array(), 0, message.limit());
                    }
                } catch (IOException ignored) {
                    // closing anyway
                } finally {
                    close();
                }
            });
            case IDLE, HANDSHAKE -> close();
            case WRITE_STALL -> abort();
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        Closeables.closeQuietly(socket);
    }

    @Override
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        Closeables.closeQuietly(socket);
    }
}
