package org.iolab.engine.completion;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iolab.engine.support.Serializer;
import org.iolab.engine.support.ServerContext;
import org.iolab.engine.support.TransportCore;

/**
 * A connection of the completion family (the Proactor): the engine submits a read or a write
 * and is told when it is done, instead of being told that the socket is ready. At most one read
 * and one write are outstanding. A completed read is delivered and the next read submitted
 * unless reading is paused or the output is above high water; a write that the kernel took
 * only part of is submitted again for the rest; every write is of a queued copy, because the
 * kernel owns the buffer until the completion.
 *
 * <p>Subclasses submit ({@link #submitRead}, {@link #submitWrite}) and report completions
 * ({@link #readCompleted}, {@link #writeCompleted}, {@link #readFailed}, {@link #writeFailed});
 * they also choose the {@link Serializer} ({@code nio2}: a lock, since completions arrive on any
 * group thread; an event-loop engine: its loop).
 *
 * <p><b>Thread rule.</b> As {@link TransportCore}. The write side is lock-free: whoever wins the
 * "a write is in flight" flag is the queue's only drainer until its completion says the queue
 * is empty, so {@link #submitWrite} and {@link #writeCompleted} may run on any thread.
 */
public abstract class CompletionConnection extends TransportCore {

    /** True while one write is in flight; its owner is the queue's only drainer. */
    private final AtomicBoolean writing = new AtomicBoolean();
    /** A read is outstanding (serialized). */
    private boolean reading;

    protected CompletionConnection(ServerContext server, Serializer serializer, InetSocketAddress remote,
                                   InetSocketAddress local) {
        super(server, serializer, remote, local);
    }

    /** Submits one read; its completion must call {@link #readCompleted} or {@link #readFailed}. Serialized. */
    protected abstract void submitRead();

    /**
     * Submits one write of {@code head}'s remaining bytes; its completion must advance
     * {@code head}'s position by what was sent and call {@link #writeCompleted} or
     * {@link #writeFailed}. Called by the drainer, on any thread.
     */
    protected abstract void submitWrite(ByteBuffer head);

    /** A read completed: {@code n} bytes are in {@code data} (flipped), -1 at end of stream. Serialized. */
    protected final void readCompleted(ByteBuffer data, int n) {
        if (isClosed()) {
            reading = false;
            return;
        }
        if (n < 0) {
            reading = false;
            endOfInput();
            return;
        }
        // still "reading" during the callback: a write completing inline on this thread must
        // not submit the next read into the buffer being delivered
        deliver(data);
        reading = false;
        readInterestChanged();
    }

    /** A read failed. Serialized. */
    protected final void readFailed(Throwable cause) {
        reading = false;
        fail(cause);
    }

    /** The in-flight write sent {@code n} bytes of the queue's head. The drainer, any thread. */
    protected final void writeCompleted(int n) {
        queue.consumed(n);
        ByteBuffer next = queue.head();
        if (next != null) {
            submitWrite(next); // still the drainer: the flag stays set
            return;
        }
        writing.set(false);
        startWrite(); // a writer may have appended after head() saw nothing
        outputChangedSoon();
    }

    /** The in-flight write failed. The drainer, any thread. */
    protected final void writeFailed(Throwable cause) {
        writing.set(false);
        serialize(() -> fail(cause));
    }

    @Override
    protected final void enqueue(ByteBuffer data) {
        queue.append(data);
        startWrite();
    }

    /** Starts draining the queue unless a write is already in flight. Any thread. */
    private void startWrite() {
        while (queue.head() != null && writing.compareAndSet(false, true)) {
            ByteBuffer head = queue.head();
            if (head == null) {
                writing.set(false);
                continue;
            }
            submitWrite(head);
            return;
        }
    }

    @Override
    protected final boolean writeInFlight() {
        return writing.get();
    }

    @Override
    protected final void readInterestChanged() {
        if (!reading && !isClosed() && wantsToRead()) {
            reading = true;
            submitRead();
        }
    }
}
