package org.iolab.engine.thread;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
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
 * A {@link Protocol} served over a blocking socket by one owner thread: it reads, calls the
 * protocol, and writes the protocol's replies itself before reading again (the blocking model's
 * natural backpressure: a peer that does not read stops its own connection, nobody else's).
 *
 * <p><b>Thread rule.</b> Callbacks run on the owner thread, or (for
 * {@code writabilityChanged}) on a flusher while holding the callback lock, so they never
 * overlap. {@code write} never blocks its caller, whoever it is: it queues. The owner sends its
 * queue after each callback returns, outside any application lock (a chat room's broadcast
 * lock must never wait on one slow peer); writes from other threads are sent by a short-lived
 * virtual flusher thread. Both drain under the write lock, which keeps the order.
 */
final class SocketTransport implements Transport, ConnectionSet.Member, Runnable {

    private static final System.Logger LOG = System.getLogger(SocketTransport.class.getName());
    /** Per-connection read buffer: thread engines pay it once per connection. */
    private static final int MAX_READ_BUFFER = 16 * 1024;

    private final Socket socket;
    private final ProtocolFactory factory;
    private final ConnectionSet connections;
    private final ServerStats stats;
    private final int readBufferSize;
    private final OutputQueue queue;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock callbackLock = new ReentrantLock();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Object readGate = new Object();
    private final SocketAddress remote;
    private final SocketAddress local;

    private volatile Thread owner;
    private volatile boolean closing;
    private volatile boolean aborted;
    private volatile boolean paused;
    private volatile Throwable failure;
    private Protocol protocol;
    private boolean deliveredWritable = true;

    SocketTransport(Socket socket, ProtocolFactory factory, ServerConfig config,
                    ConnectionSet connections, ServerStats stats) {
        this.socket = socket;
        this.factory = factory;
        this.connections = connections;
        this.stats = stats;
        this.readBufferSize = Math.min(config.readBufferSize(), MAX_READ_BUFFER);
        this.queue = new OutputQueue(config.highWater(), config.lowWater());
        this.remote = socket.getRemoteSocketAddress();
        this.local = socket.getLocalSocketAddress();
    }

    @Override
    public void run() {
        owner = Thread.currentThread();
        Throwable cause = null;
        try {
            InputStream in = socket.getInputStream();
            protocol = factory.newProtocol(new ConnectionInfo((InetSocketAddress) remote, (InetSocketAddress) local));
            callback(() -> protocol.connectionMade(this));
            byte[] bytes = new byte[readBufferSize];
            ByteBuffer view = ByteBuffer.wrap(bytes);
            while (awaitReadable()) {
                int n = in.read(bytes);
                if (n < 0) {
                    break; // the peer half-closed: send what is pending, then close
                }
                view.clear().limit(n);
                callback(() -> protocol.dataReceived(view));
            }
            cause = failure;
        } catch (IOException e) {
            cause = closing || aborted ? failure : e;
        } catch (RuntimeException | Error e) {
            cause = e; // the factory failed
        }
        finish(cause);
    }

    /** Waits while reading is paused; {@code false} when the connection is closing. */
    private boolean awaitReadable() throws IOException {
        synchronized (readGate) {
            while (!closing && failure == null && (paused || !queue.isWritable())) {
                try {
                    readGate.wait();
                } catch (InterruptedException e) {
                    throw new IOException("interrupted", e);
                }
            }
        }
        return !closing && failure == null;
    }

    private void wakeReader() {
        synchronized (readGate) {
            readGate.notifyAll();
        }
    }

    private void callback(Runnable r) {
        callbackLock.lock();
        try {
            r.run();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "callback failed, closing " + remote, t);
            failure = t;
        } finally {
            callbackLock.unlock();
        }
        drainOwned();
    }

    private void finish(Throwable cause) {
        if (cause == null && !aborted) {
            writeLock.lock();
            try {
                if (!socket.isClosed()) {
                    drainLocked();
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                cause = e;
            } finally {
                writeLock.unlock();
            }
        }
        if (cause != null) {
            abortSocket();
        }
        Closeables.closeQuietly(socket);
        queue.clear();
        connections.remove(this);
        if (cause != null) {
            stats.onFailed();
        }
        Protocol p = protocol;
        if (p != null) {
            Throwable c = cause;
            callback(() -> p.connectionLost(c));
        }
    }

    @Override
    public void write(ByteBuffer data) {
        if (closing || aborted) {
            data.position(data.limit());
            return;
        }
        queue.append(data);
        if (Thread.currentThread() != owner) {
            scheduleFlush();
        }
    }

    /** The owner sends what its callback queued, blocking as the model does. */
    private void drainOwned() {
        if (queue.isEmpty() || failure != null) {
            return;
        }
        writeLock.lock();
        try {
            drainLocked();
        } catch (IOException e) {
            failure = e;
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends every queued chunk (heap copies, see OutputQueue); the caller holds the write lock. */
    private void drainLocked() throws IOException {
        OutputStream out = socket.getOutputStream();
        ByteBuffer head;
        while ((head = queue.head()) != null) {
            int n = head.remaining();
            out.write(head.array(), head.arrayOffset() + head.position(), n);
            head.position(head.limit());
            queue.consumed(n);
        }
    }

    private void scheduleFlush() {
        if (flushing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("iolab-flusher").start(this::flushLoop);
        }
    }

    private void flushLoop() {
        do {
            writeLock.lock();
            try {
                drainLocked();
                if (closing && !aborted && !socket.isClosed()) {
                    socket.shutdownOutput();
                    Closeables.closeQuietly(socket); // wakes the owner from read
                }
            } catch (IOException e) {
                failure = e;
                abortSocket();
            } finally {
                writeLock.unlock();
                flushing.set(false);
            }
            wakeReader();
            deliverWritability();
        } while ((!queue.isEmpty() || (closing && !socket.isClosed()))
                && flushing.compareAndSet(false, true));
    }

    private void deliverWritability() {
        Protocol p = protocol;
        if (p == null) {
            return;
        }
        callbackLock.lock();
        try {
            boolean now = queue.isWritable();
            if (now != deliveredWritable) {
                deliveredWritable = now;
                p.writabilityChanged(now);
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "writabilityChanged failed, closing " + remote, t);
            failure = t;
            abortSocket();
        } finally {
            callbackLock.unlock();
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (Thread.currentThread() != owner) {
            scheduleFlush(); // drains, then closes the socket, which ends the owner's read
        }
        wakeReader();
    }

    @Override
    public void closeGracefully() {
        close();
    }

    @Override
    public void abort() {
        if (aborted) {
            return;
        }
        aborted = true;
        closing = true;
        abortSocket();
        wakeReader();
    }

    private void abortSocket() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        Closeables.closeQuietly(socket);
    }

    @Override
    public void pauseReading() {
        paused = true;
    }

    @Override
    public void resumeReading() {
        paused = false;
        wakeReader();
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
        return !closing && !socket.isClosed();
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
