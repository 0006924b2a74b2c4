package org.iolab.engine.event;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iolab.engine.support.ServerContext;
import org.iolab.engine.support.TransportCore;

/**
 * A non-blocking connection of the readiness family, owned by one {@link EventLoop}: the loop
 * learns that the socket is readable or writable (from a JDK Selector, select/poll/epoll, or a
 * busy loop) and this class reads, delivers and flushes. Subclasses move bytes and tell their
 * mechanism what to watch; everything else is the {@link TransportCore}'s.
 *
 * <p><b>Thread rule.</b> Loop-confined: serialized means "on the loop thread", and other threads
 * hand work to the loop. On the loop a write goes straight to the socket when nothing is queued
 * (one system call, no copy) and only what the kernel did not take is queued; from another
 * thread it is queued and the loop is asked, once, to flush.
 */
public abstract class ReadinessConnection extends TransportCore {

    protected final EventLoop<?> loop;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Runnable flushTask = () -> {
        flushScheduled.set(false);
        flush();
    };

    // loop-confined: what the mechanism was last told
    private boolean wantRead;
    private boolean wantWrite;

    protected ReadinessConnection(EventLoop<?> loop, ServerContext server, InetSocketAddress remote,
                                  InetSocketAddress local) {
        super(server, loop, remote, local);
        this.loop = loop;
    }

    /** Reads into {@code dst}: bytes read, 0 if none now, -1 at end of stream. */
    protected abstract int receive(ByteBuffer dst) throws IOException;

    /**
     * Writes from {@code src} without blocking: bytes written, possibly 0, and fewer than
     * {@code src.remaining()} only when the kernel would block (an edge-triggered loop hears
     * of room again only after a send found none).
     */
    protected abstract int send(ByteBuffer src) throws IOException;

    /** Tells the readiness mechanism what this connection waits for. Loop thread. */
    protected abstract void interest(boolean read, boolean write);

    /**
     * The socket is readable: reads into the loop's {@code buffer} and delivers, again while a
     * read fills the buffer, at most {@code maxReads} times (edge-triggered callers pass a large
     * budget: a short read means the socket is drained). With {@code untilWouldBlock} only a
     * read that returns nothing ends it (edge-triggered after a hang-up: the end of stream must
     * be read now, no further event will announce it). Loop thread.
     */
    public final void onReadable(ByteBuffer buffer, int maxReads, boolean untilWouldBlock) {
        for (int i = 0; i < maxReads && wantRead && !isClosed(); i++) {
            buffer.clear();
            int n;
            try {
                n = receive(buffer);
            } catch (IOException e) {
                fail(e);
                return;
            }
            if (n < 0) {
                endOfInput();
                return;
            }
            if (n == 0) {
                return;
            }
            buffer.flip();
            deliver(buffer);
            if (n < buffer.capacity() && !untilWouldBlock) {
                return;
            }
        }
    }

    /** The socket is writable: sends what is queued. Loop thread. */
    public final void onWritable() {
        flush();
    }

    /** Whether the loop should watch this connection for reading. Loop thread. */
    public final boolean wantsRead() {
        return wantRead && !isClosed();
    }

    /** Whether the loop should watch this connection for writing. Loop thread. */
    public final boolean wantsWrite() {
        return wantWrite && !isClosed();
    }

    @Override
    protected final void enqueue(ByteBuffer data) {
        if (!loop.inLoop()) {
            queue.append(data);
            if (flushScheduled.compareAndSet(false, true)) {
                loop.execute(flushTask);
            }
            return;
        }
        if (isClosed()) {
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
        outputChanged();
    }

    private void flush() {
        if (isClosed()) {
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
        outputChanged();
    }

    @Override
    protected final void readInterestChanged() {
        if (isClosed()) {
            return;
        }
        boolean r = wantsToRead();
        boolean w = !queue.isEmpty();
        if (r != wantRead || w != wantWrite) {
            wantRead = r;
            wantWrite = w;
            interest(r, w);
        }
    }

}
