package org.iolab.engine.dispatch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.ConnectionSet;
import org.iolab.engine.support.SafeLog;
import org.iolab.server.ServerStats;
import org.iolab.protocol.Connection;
import org.iolab.protocol.StreamHandler;

/**
 * One connection served by a {@link StreamHandler}: the handler's thread owns the streams; when
 * {@code handle} returns the output is flushed and the socket closed.
 *
 * <p>Thread rule: {@link #run} on the dispatched thread; {@link #close} and
 * {@link #abort} from the shutdown thread (they close the socket, which ends blocked reads).
 */
final class StreamSession implements Connection, ConnectionSet.Member, Runnable {

    private static final System.Logger LOG = System.getLogger(StreamSession.class.getName());

    private final Socket socket;
    private final StreamHandler handler;
    private final ConnectionSet connections;
    private final ServerStats stats;
    private InputStream input;
    private OutputStream output;

    StreamSession(Socket socket, StreamHandler handler, ConnectionSet connections, ServerStats stats) {
        this.stats = stats;
        this.socket = socket;
        this.handler = handler;
        this.connections = connections;
    }

    @Override
    public void run() {
        try {
            input = socket.getInputStream();
            output = new BufferedOutputStream(socket.getOutputStream(), 8192) {
                @Override
                public synchronized void write(byte[] b, int off, int len) throws IOException {
                    super.write(b, off, len);
                    flush(); // a reply is sent when written, like sendall
                }

                @Override
                public synchronized void write(int b) throws IOException {
                    super.write(b);
                    flush();
                }
            };
            handler.handle(this);
            output.flush();
            socket.shutdownOutput();
        } catch (IOException e) {
            if (!socket.isClosed()) {
                SafeLog.log(LOG, System.Logger.Level.DEBUG, "stream-ended", () -> "stream connection ended: " + e, null);
            }
        } catch (Throwable e) {
            stats.onCallbackFailure();
            SafeLog.log(LOG, System.Logger.Level.WARNING, "callback-failed", () -> "handler failed on "
                    + socket.getRemoteSocketAddress() + ": " + e, e);
        } finally {
            Closeables.closeQuietly(socket);
            connections.remove(this);
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
