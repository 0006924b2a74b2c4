package org.iolab.engine.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.SafeLog;
import org.iolab.engine.support.SerialLock;
import org.iolab.engine.support.ServerContext;
import org.iolab.engine.support.TransportCore;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.ProtocolFactory;

/**
 * A {@link Protocol} served over a blocking socket by one owner thread: it reads, calls the
 * protocol, and sends the protocol's replies itself before reading again (the blocking model's
 * natural backpressure: a peer that does not read stops its own connection, nobody else's).
 *
 * <p><b>Thread rule.</b> Serialized means "holding this connection's {@link SerialLock}": the
 * owner takes it for each callback, a flusher for {@code writabilityChanged}. {@code write}
 * never blocks its caller, whoever it is: it queues. The owner sends its queue after each
 * callback, outside the lock and outside any application lock (a chat room's broadcast lock
 * must never wait on one slow peer); writes from other threads are sent by a short-lived
 * virtual flusher thread. One drainer at a time (a flag), so the order is kept.
 */
final class BlockingTransport extends TransportCore implements Runnable {

    private static final System.Logger LOG = System.getLogger(BlockingTransport.class.getName());
    /** The most a connection's read buffer grows to (see {@link ReadBuffer}: it starts at 512 bytes). */
    private static final int MAX_READ_BUFFER = 16 * 1024;

    private final Socket socket;
    private final ProtocolFactory factory;
    private final SerialLock lock;
    /** True while one thread sends the queue; it is the only drainer. */
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Object readGate = new Object();
    private final int readBufferSize;
    private volatile Thread owner;

    BlockingTransport(Socket socket, ProtocolFactory factory, ServerContext server) {
        this(socket, factory, server, new SerialLock());
    }

    private BlockingTransport(Socket socket, ProtocolFactory factory, ServerContext server, SerialLock lock) {
        super(server, lock, (InetSocketAddress) socket.getRemoteSocketAddress(),
                (InetSocketAddress) socket.getLocalSocketAddress());
        this.lock = lock;
        this.socket = socket;
        this.factory = factory;
        this.readBufferSize = Math.min(server.config().readBufferSize(), MAX_READ_BUFFER);
    }

    /** The owner thread's whole life: open, read and deliver until the end, sending replies. */
    @Override
    public void run() {
        owner = Thread.currentThread();
        lock.lock();
        try {
            open(factory);
        } finally {
            lock.unlock();
        }
        drain(false);
        try {
            InputStream in = socket.getInputStream();
            ReadBuffer buffer = new ReadBuffer(readBufferSize); // small while the connection idles
            while (awaitReadable()) {
                int n = in.read(buffer.array());
                lock.lock();
                try {
                    if (n < 0) {
                        endOfInput(); // the peer half-closed: send what is pending (a close_notify), then close
                    } else {
                        deliver(buffer.filled(n));
                    }
                } finally {
                    lock.unlock();
                }
                if (n < 0) {
                    drain(false);
                    return;
                }
                buffer.adapt(n);
                drain(false);
            }
        } catch (IOException e) {
            lock.run(() -> fail(e)); // nothing when the connection had already ended
        } catch (Throwable t) { // never in a callback (those are guarded): the engine's own failure
            server().stats().onInternalError();
            SafeLog.log(LOG, System.Logger.Level.ERROR, "owner-thread", () -> "connection thread failed: " + t, t);
            lock.run(() -> fail(t));
        }
    }

    /** Waits while reading is not wanted; {@code false} once the connection is closing (and not lingering). */
    private boolean awaitReadable() throws IOException {
        synchronized (readGate) {
            while ((!isClosing() || isLingering()) && !wantsToRead()) {
                try {
                    readGate.wait();
                } catch (InterruptedException e) {
                    throw new IOException("interrupted", e);
                }
            }
        }
        return !isClosing() || isLingering();
    }

    @Override
    protected void readInterestChanged() {
        synchronized (readGate) {
            readGate.notifyAll();
        }
    }

    @Override
    protected void enqueue(ByteBuffer data) {
        queue.append(data);
        if (Thread.currentThread() != owner && draining.compareAndSet(false, true)) {
            Thread.ofVirtual().name("iolab-flusher").start(() -> drain(true));
        }
    }

    /**
     * Sends the queue, blocking while the peer does not read, then reports under the lock.
     * {@code owned}: the caller already holds the drainer flag. Stops once the connection has
     * ended: what is still queued then has nowhere to go (looping on it would spin a carrier
     * thread on a closed socket and starve every other virtual thread).
     */
    private void drain(boolean owned) {
        while (owned || (!queue.isEmpty() && draining.compareAndSet(false, true))) {
            owned = false;
            IOException failure = null;
            try {
                OutputStream out = socket.getOutputStream();
                ByteBuffer head;
                while ((head = queue.head()) != null) {
                    int n = head.remaining();
                    out.write(head.array(), head.arrayOffset() + head.position(), n);
                    head.position(head.limit());
                    queue.consumed(n);
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                draining.set(false);
            }
            boolean ended;
            lock.lock();
            try {
                if (failure != null) {
                    fail(failure);
                } else {
                    outputChanged();
                }
                ended = isClosed();
            } finally {
                lock.unlock();
            }
            if (ended) {
                return;
            }
        }
    }

    @Override
    protected boolean writeInFlight() {
        return draining.get();
    }

    @Override
    protected void shutdownOutput() {
        Closeables.quietly(socket::shutdownOutput);
    }

    @Override
    protected void release(boolean reset) {
        if (reset) {
            Closeables.quietly(() -> socket.setSoLinger(true, 0));
        } else if (!socket.isClosed()) {
            Closeables.quietly(socket::shutdownOutput);
        }
        Closeables.closeQuietly(socket); // also ends the owner's blocked read
        readInterestChanged();
    }

}
