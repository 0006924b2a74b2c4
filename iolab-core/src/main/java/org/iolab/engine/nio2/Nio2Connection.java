package org.iolab.engine.nio2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.iolab.engine.support.Closeables;
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
 * {@link #abort} closes without a reset: the JDK's asynchronous channel has no SO_LINGER.
 *
 * <p><b>Thread rule.</b> Completions arrive on any group thread; every callback runs under the
 * connection's lock, so callbacks never overlap. Transport methods are safe from any thread and
 * never wait for that lock (a chat room calls them while holding its own lock, and a member's
 * callback may be waiting for that one): writes go through the lock-free {@link OutputQueue}
 * and an atomic "a write is in flight" flag; a close, or a write completion (which the JDK may
 * run inline on the writing thread), that finds the lock busy finishes on a virtual thread.
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
    /** True while one write is in flight; its owner is the queue's only drainer. */
    private final AtomicBoolean writing = new AtomicBoolean();

    private volatile boolean closing;
    private volatile boolean paused;
    // guarded by lock
    private Protocol protocol;
    private boolean closed;
    private boolean reading;
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
                if (closed) {
                    reading = false;
                    return;
                }
                if (n < 0) {
                    reading = false;
                    closing = true; // the peer half-closed: send what is pending, then close
                    closeLocked();
                    return;
                }
                readBuffer.flip();
                // still "reading" during the callback: a write completing inline on this
                // thread must not start the next read into the buffer being delivered
                invoke(() -> protocol.dataReceived(readBuffer));
                reading = false;
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
            queue.consumed(n);
            ByteBuffer next = queue.head();
            if (next != null) {
                channel.write(next, next, this); // still the drainer: the flag stays set
                return;
            }
            writing.set(false);
            startWrite(); // a writer may have appended after head() saw nothing
            // this may run inline on a thread that holds other locks (a chat broadcast):
            // never wait here for the callback lock
            withLock(this::afterDrain);
        }

        private void afterDrain() {
            if (closed) {
                return;
            }
            if (closing) {
                closeLocked();
                return;
            }
            deliverWritability();
            maybeRead();
        }

        @Override
        public void failed(Throwable e, ByteBuffer head) {
            writing.set(false);
            withLock(() -> finish(e, true));
        }
    }

    /** Starts draining the queue unless a write is already in flight. Any thread, no lock. */
    private void startWrite() {
        while (queue.head() != null && writing.compareAndSet(false, true)) {
            ByteBuffer head = queue.head();
            if (head == null) {
                writing.set(false);
                continue;
            }
            try {
                channel.write(head, head, writer);
                return;
            } catch (RuntimeException e) {
                writing.set(false);
                abort();
                return;
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
        startWrite();
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        withLock(this::closeLocked);
    }

    /** Finishes once nothing is pending or in flight. Under lock. */
    private void closeLocked() {
        if (!writing.get() && queue.isEmpty()) {
            finish(null, false);
        }
    }

    /** Runs {@code r} under the lock now if that needs no waiting, else on a virtual thread. */
    private void withLock(Runnable r) {
        if (lock.tryLock()) {
            try {
                r.run();
            } finally {
                lock.unlock();
            }
        } else {
            Thread.ofVirtual().name("iolab-nio2-close").start(() -> {
                lock.lock();
                try {
                    r.run();
                } finally {
                    lock.unlock();
                }
            });
        }
    }

    @Override
    public void closeGracefully() {
        close();
    }

    @Override
    public void abort() {
        closing = true;
        withLock(() -> finish(null, true));
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
            if (!reset && channel.isOpen()) {
                channel.shutdownOutput();
            }
            // no reset on abort: AsynchronousSocketChannel does not support SO_LINGER
        } catch (IOException ignored) {
            // closing anyway
        }
        Closeables.closeQuietly(channel);
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
        paused = true;
    }

    @Override
    public void resumeReading() {
        paused = false;
        withLock(this::maybeRead);
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
