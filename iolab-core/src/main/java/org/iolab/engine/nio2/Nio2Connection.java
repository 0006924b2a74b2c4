package org.iolab.engine.nio2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.locks.ReentrantLock;
import org.iolab.engine.support.ConnectionSet;
import org.iolab.engine.support.OutputQueue;
import org.iolab.protocol.ConnectionInfo;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.protocol.Transport;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;

/**
 * One connection of the Proactor: at most one read and one write outstanding. A completed read
 * calls {@code dataReceived} and starts the next read (unless paused or above high water); every
 * write is a copy (the kernel, or the JDK's emulation, owns the buffer until completion).
 *
 * <p><b>Thread rule.</b> Completions arrive on any group thread; every callback and every state
 * change runs under the connection's lock, so callbacks never overlap. Transport methods are
 * safe from any thread.
 */
final class Nio2Connection implements Transport, ConnectionSet.Member {

    private static final System.Logger LOG = System.getLogger(Nio2Connection.class.getName());
    private static final int READ_BUFFER = 16 * 1024;

    private final AsynchronousSocketChannel channel;
    private final ConnectionSet connections;
    private final ServerStats stats;
    private final OutputQueue queue;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private final ReentrantLock lock = new ReentrantLock();
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final ReadHandler reader = new ReadHandler();
    private final WriteHandler writer = new WriteHandler();

    private volatile boolean closing;
    // guarded by lock
    private Protocol protocol;
    private boolean closed;
    private boolean paused;
    private boolean reading;
    private boolean writing;
    private boolean deliveredWritable = true;

    Nio2Connection(AsynchronousSocketChannel channel, ServerConfig config, ConnectionSet connections,
                   ServerStats stats) throws IOException {
        this.channel = channel;
        this.connections = connections;
        this.stats = stats;
        this.queue = new OutputQueue(config.highWater(), config.lowWater());
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    void open(ProtocolFactory factory) {
        lock.lock();
        try {
            invoke(() -> {
                protocol = factory.newProtocol(new ConnectionInfo(remote, local));
                protocol.connectionMade(this);
            });
            maybeRead();
        } finally {
            lock.unlock();
        }
    }

    /** Starts a read if none is outstanding and reading is wanted. Under lock. */
    private void maybeRead() {
        if (!reading && !closed && !closing && !paused && queue.isWritable()) {
            reading = true;
            readBuffer.clear();
            try {
                channel.read(readBuffer, null, reader);
            } catch (RuntimeException e) {
                reading = false;
                finish(e, true);
            }
        }
    }

    private final class ReadHandler implements CompletionHandler<Integer, Void> {
        @Override
        public void completed(Integer n, Void unused) {
            lock.lock();
            try {
                reading = false;
                if (closed) {
                    return;
                }
                if (n < 0) {
                    closing = true; // the peer half-closed: send what is pending, then close
                    closeLocked();
                    return;
                }
                readBuffer.flip();
                invoke(() -> protocol.dataReceived(readBuffer));
                maybeRead();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void failed(Throwable e, Void unused) {
            lock.lock();
            try {
                reading = false;
                finish(closing ? null : e, true);
            } finally {
                lock.unlock();
            }
        }
    }

    private final class WriteHandler implements CompletionHandler<Integer, ByteBuffer> {
        @Override
        public void completed(Integer n, ByteBuffer head) {
            lock.lock();
            try {
                writing = false;
                if (closed) {
                    return;
                }
                queue.consumed(n);
                startWrite();
                if (!writing && closing) {
                    finish(null, false);
                    return;
                }
                deliverWritability();
                maybeRead();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void failed(Throwable e, ByteBuffer head) {
            lock.lock();
            try {
                writing = false;
                finish(e, true);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Starts writing the head chunk if none is in flight. Under lock. */
    private void startWrite() {
        ByteBuffer head = queue.head();
        if (!writing && head != null && !closed) {
            writing = true;
            try {
                channel.write(head, head, writer);
            } catch (RuntimeException e) {
                writing = false;
                finish(e, true);
            }
        }
    }

    private void deliverWritability() {
        boolean now = queue.isWritable();
        if (now != deliveredWritable && !closed) {
            deliveredWritable = now;
            invoke(() -> protocol.writabilityChanged(now));
        }
    }

    @Override
    public void write(ByteBuffer data) {
        if (closing) {
            data.position(data.limit());
            return;
        }
        queue.append(data);
        lock.lock();
        try {
            startWrite();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        lock.lock();
        try {
            closeLocked();
        } finally {
            lock.unlock();
        }
    }

    private void closeLocked() {
        if (!writing && queue.isEmpty()) {
            finish(null, false);
        }
    }

    @Override
    public void closeGracefully() {
        close();
    }

    @Override
    public void abort() {
        closing = true;
        lock.lock();
        try {
            finish(null, true);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the channel and tells the protocol, once. Under lock. */
    private void finish(Throwable cause, boolean reset) {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        queue.clear();
        try {
            if (reset && channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } else if (channel.isOpen()) {
                channel.shutdownOutput();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        Nio2Engine.closeQuietly(channel);
        connections.remove(this);
        if (cause != null) {
            stats.onFailed();
            LOG.log(System.Logger.Level.DEBUG, "connection " + remote + " failed: " + cause);
        }
        Protocol p = protocol;
        if (p != null) {
            try {
                p.connectionLost(cause);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "connectionLost failed", t);
            }
        }
    }

    private void invoke(Runnable callback) {
        try {
            callback.run();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "callback failed, closing " + remote, t);
            finish(t, true);
        }
    }

    @Override
    public void pauseReading() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resumeReading() {
        lock.lock();
        try {
            paused = false;
            maybeRead();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isWritable() {
        return queue.isWritable();
    }

    @Override
    public long bufferedBytes() {
        return queue.bytes();
    }

    @Override
    public boolean isOpen() {
        return !closing;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }
}
