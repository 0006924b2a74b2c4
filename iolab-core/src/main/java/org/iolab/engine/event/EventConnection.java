package org.iolab.engine.event;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iolab.engine.support.ConnectionSet;
import org.iolab.engine.support.OutputQueue;
import org.iolab.protocol.ConnectionInfo;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.protocol.Transport;
import org.iolab.server.ServerStats;

/**
 * A non-blocking connection owned by one {@link EventLoop}: the write path with backpressure,
 * the close state machine and the callback guard, whatever tells the loop about readiness
 * (a JDK Selector, a busy loop, select/poll/epoll). Subclasses move bytes and set interest.
 *
 * <p><b>Thread rule.</b> All protocol callbacks run on the loop thread, never nested in one
 * another. {@code write}, {@code close}, {@code abort}, pause and resume are safe from any
 * thread: on the loop a write goes straight to the socket when nothing is queued (one system
 * call, no copy) and is queued only for what the kernel did not take; from another thread it
 * is appended to the {@link OutputQueue} and the loop is asked to flush.
 */
public abstract class EventConnection implements Transport, ConnectionSet.Member {

    private static final System.Logger LOG = System.getLogger(EventConnection.class.getName());

    protected final EventLoop loop;
    private final OutputQueue queue;
    private final ConnectionSet connections;
    private final ServerStats stats;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Runnable flushTask = () -> {
        flushScheduled.set(false);
        flush();
    };

    private volatile boolean closing;
    private volatile boolean paused;

    // loop-confined state
    private Protocol protocol;
    private boolean closed;
    private boolean inCallback;
    private boolean deliveredWritable = true;
    private boolean writabilityTaskPending;
    private boolean wantRead;
    private boolean wantWrite;

    protected EventConnection(EventLoop loop, int highWater, int lowWater, ConnectionSet connections,
                              ServerStats stats, InetSocketAddress remote, InetSocketAddress local) {
        this.loop = loop;
        this.queue = new OutputQueue(highWater, lowWater);
        this.connections = connections;
        this.stats = stats;
        this.remote = remote;
        this.local = local;
    }

    /** Reads into {@code dst}: bytes read, 0 if none now, -1 at end of stream. */
    protected abstract int receive(ByteBuffer dst) throws IOException;

    /** Writes from {@code src} without blocking: bytes written, possibly 0. */
    protected abstract int send(ByteBuffer src) throws IOException;

    /** Tells the readiness mechanism what this connection waits for. Loop thread. */
    protected abstract void interest(boolean read, boolean write);

    /** Closes the socket ({@code reset}: with SO_LINGER 0) and forgets the registration. */
    protected abstract void release(boolean reset);

    /** Makes the protocol and announces the connection. Loop thread. */
    public final void open(ProtocolFactory factory) {
        invoke(() -> {
            protocol = factory.newProtocol(new ConnectionInfo(remote, local));
            protocol.connectionMade(this);
        });
        updateInterest();
    }

    /**
     * The socket is readable: reads into the loop's {@code buffer} and delivers. Reads again
     * while a read fills the buffer, at most {@code maxReads} times (edge-triggered callers pass
     * a large budget: a short read means the socket is drained). Loop thread.
     */
    public final void onReadable(ByteBuffer buffer, int maxReads) {
        onReadable(buffer, maxReads, false);
    }

    /**
     * As {@link #onReadable(ByteBuffer, int)}; with {@code untilWouldBlock} a short read does not
     * end the loop, only a read that returns nothing does (edge-triggered after a hang-up: the
     * end of stream must be read now, no further event will announce it).
     */
    public final void onReadable(ByteBuffer buffer, int maxReads, boolean untilWouldBlock) {
        for (int i = 0; i < maxReads && wantRead && !closed; i++) {
            buffer.clear();
            int n;
            try {
                n = receive(buffer);
            } catch (IOException e) {
                fail(e);
                return;
            }
            if (n < 0) {
                closing = true; // the peer half-closed: send what is pending, then close
                closeOnLoop();
                return;
            }
            if (n == 0) {
                return;
            }
            buffer.flip();
            invoke(() -> protocol.dataReceived(buffer));
            if (n < buffer.capacity() && !untilWouldBlock) {
                return;
            }
        }
    }

    /** The socket is writable: sends what is queued. Loop thread. */
    public final void onWritable() {
        flush();
    }

    /** Whether the loop should poll this connection for reading. Loop thread. */
    public final boolean wantsRead() {
        return wantRead;
    }

    /** Whether the loop should poll this connection for writing. Loop thread. */
    public final boolean wantsWrite() {
        return wantWrite;
    }

    @Override
    public final void write(ByteBuffer data) {
        if (closing) {
            data.position(data.limit());
            return;
        }
        if (loop.inLoop()) {
            if (closed) {
                data.position(data.limit());
                return;
            }
            if (queue.isEmpty()) {
                try {
                    send(data);
                } catch (IOException e) {
                    data.position(data.limit());
                    fail(e);
                    return;
                }
                if (!data.hasRemaining()) {
                    return;
                }
            }
            queue.append(data);
            updateInterest();
            checkWritability();
        } else {
            queue.append(data);
            if (flushScheduled.compareAndSet(false, true)) {
                loop.execute(flushTask);
            }
        }
    }

    private void flush() {
        if (closed) {
            return;
        }
        try {
            ByteBuffer head;
            while ((head = queue.head()) != null) {
                int n = send(head);
                queue.consumed(n);
                if (head.hasRemaining()) {
                    break;
                }
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        if (closing && queue.isEmpty()) {
            finish(null, false);
            return;
        }
        updateInterest();
        checkWritability();
    }

    private void updateInterest() {
        if (closed) {
            return;
        }
        boolean r = !closing && !paused && queue.isWritable();
        boolean w = !queue.isEmpty();
        if (r != wantRead || w != wantWrite) {
            wantRead = r;
            wantWrite = w;
            interest(r, w);
        }
    }

    private void checkWritability() {
        if (queue.isWritable() != deliveredWritable && !writabilityTaskPending) {
            writabilityTaskPending = true;
            loop.execute(this::deliverWritability);
        }
    }

    private void deliverWritability() {
        writabilityTaskPending = false;
        boolean now = queue.isWritable();
        if (now != deliveredWritable && !closed) {
            deliveredWritable = now;
            invoke(() -> protocol.writabilityChanged(now));
        }
    }

    @Override
    public final void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (loop.inLoop()) {
            closeOnLoop();
        } else {
            loop.execute(this::closeOnLoop);
        }
    }

    private void closeOnLoop() {
        if (closed) {
            return;
        }
        if (queue.isEmpty()) {
            finish(null, false);
        } else {
            updateInterest(); // stop reading, keep flushing; flush() finishes
        }
    }

    @Override
    public final void closeGracefully() {
        close();
    }

    @Override
    public final void abort() {
        closing = true;
        if (loop.inLoop()) {
            finish(null, true);
        } else {
            loop.execute(() -> finish(null, true));
        }
    }

    private void fail(Throwable cause) {
        if (cause instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "connection " + remote + " failed: " + cause);
        } else {
            LOG.log(System.Logger.Level.WARNING, "callback failed, closing " + remote, cause);
        }
        finish(cause, true);
    }

    private void finish(Throwable cause, boolean reset) {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        wantRead = false;
        wantWrite = false;
        queue.clear();
        release(reset);
        connections.remove(this);
        if (cause != null) {
            stats.onFailed();
        }
        Protocol p = protocol;
        if (p == null) {
            return;
        }
        if (inCallback) {
            loop.execute(() -> lost(p, cause));
        } else {
            lost(p, cause);
        }
    }

    private static void lost(Protocol p, Throwable cause) {
        try {
            p.connectionLost(cause);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "connectionLost failed", t);
        }
    }

    private void invoke(Runnable callback) {
        inCallback = true;
        try {
            callback.run();
        } catch (Throwable t) {
            inCallback = false;
            fail(t);
        } finally {
            inCallback = false;
        }
    }

    @Override
    public final void pauseReading() {
        paused = true;
        onLoop(this::updateInterest);
    }

    @Override
    public final void resumeReading() {
        paused = false;
        onLoop(this::updateInterest);
    }

    private void onLoop(Runnable r) {
        if (loop.inLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }

    @Override
    public final boolean isWritable() {
        return queue.isWritable();
    }

    @Override
    public final long bufferedBytes() {
        return queue.bytes();
    }

    @Override
    public final boolean isOpen() {
        return !closing;
    }

    @Override
    public final SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public final SocketAddress localAddress() {
        return local;
    }
}
