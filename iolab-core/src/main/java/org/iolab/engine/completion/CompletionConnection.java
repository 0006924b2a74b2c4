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
 * (single-shot, or one multishot that stays armed) and one write are outstanding. A completed
 * read is delivered and the next read submitted while reading is wanted; bytes that complete
 * while it is not (paused, or output above high water: a multishot read reads ahead until its
 * cancel takes effect) wait, and are delivered when it is again, {@value #HELD_CHUNK} bytes at a
 * time while it stays wanted.
 * A write that the kernel took only part of is submitted again for the rest; every write is of
 * memory the kernel owns until the completion.
 *
 * <p>Subclasses submit ({@link #submitRead}, {@link #submitWrite}, optionally
 * {@link #submitDirect} and {@link #stopReading}) and report completions ({@link #readCompleted},
 * {@link #writeCompleted}, {@link #directWriteCompleted}, {@link #readFailed},
 * {@link #writeFailed}); they also choose the {@link Serializer} ({@code nio2}: a lock, since
 * completions arrive on any group thread; {@code iouring}: its loop).
 *
 * <p><b>Thread rule.</b> As {@link TransportCore}. The write side is lock-free: whoever wins the
 * "a write is in flight" flag is the only one writing until its completion finds nothing more to
 * send, so {@link #submitWrite} and the write completions may run on any thread.
 */
public abstract class CompletionConnection extends TransportCore {

    /** Held bytes go to the protocol at most this many at a time, so they overshoot high water by one chunk at most. */
    static final int HELD_CHUNK = 16 * 1024;

    /** True while one write is in flight; its owner is the queue's only drainer. */
    private final AtomicBoolean writing = new AtomicBoolean();
    // serialized
    private boolean reading;
    private ByteBuffer held;
    private boolean endHeld;

    protected CompletionConnection(ServerContext server, Serializer serializer, InetSocketAddress remote,
                                   InetSocketAddress local) {
        super(server, serializer, remote, local);
    }

    /** Submits a read; its completions must call {@link #readCompleted} or {@link #readFailed}. Serialized. */
    protected abstract void submitRead();

    /**
     * Submits one write of {@code head}'s remaining bytes (the queue's oldest); its completion
     * must advance {@code head}'s position by what was sent and call {@link #writeCompleted}, or
     * call {@link #writeFailed}. Called by the one writer, on any thread.
     */
    protected abstract void submitWrite(ByteBuffer head);

    /**
     * Offered when nothing is queued or in flight (the caller holds the write flag): submit a
     * write of {@code data}'s bytes from memory of your own, consuming what it took (the rest is
     * queued behind it), and report its end with {@link #directWriteCompleted}; or return
     * {@code false} to have it queued. Default: {@code false}.
     */
    protected boolean submitDirect(ByteBuffer data) {
        return false;
    }

    /** An armed read is no longer wanted (paused, or above high water): cancel it if you can. Serialized. */
    protected void stopReading() {
    }

    /**
     * A read completed: {@code n} bytes in {@code data} (position 0, limit n), or -1 at the end
     * of the stream; {@code more}: the read stays armed (multishot). Serialized.
     */
    protected final void readCompleted(ByteBuffer data, int n, boolean more) {
        if (isClosed()) {
            reading &= more;
            return;
        }
        if (n < 0) {
            reading = false;
            if (held == null) {
                endOfInput();
            } else {
                endHeld = true; // after what is held
            }
            return;
        }
        // still "reading" during the callback: a write completing inline on this thread must
        // not submit the next read into the buffer being delivered
        if (held == null && wantsToRead()) {
            deliver(data);
        } else {
            hold(data);
        }
        reading &= more;
        readInterestChanged();
    }

    /** A read failed (or was cancelled). Serialized. */
    protected final void readFailed(Throwable cause, boolean cancelled) {
        reading = false;
        if (cancelled) {
            readInterestChanged();
        } else {
            fail(cause);
        }
    }

    /** The in-flight write sent {@code n} bytes of the queue's head. The writer, any thread. */
    protected final void writeCompleted(int n) {
        queue.consumed(n);
        continueWriting();
    }

    /** The write {@link #submitDirect} started has sent everything it took. The writer, any thread. */
    protected final void directWriteCompleted() {
        continueWriting();
    }

    /** The in-flight write failed. The writer, any thread. */
    protected final void writeFailed(Throwable cause) {
        writing.set(false);
        serialize(() -> fail(cause));
    }

    private void continueWriting() {
        ByteBuffer next = queue.head();
        if (next != null) {
            submitWrite(next); // still the writer: the flag stays set
            return;
        }
        writing.set(false);
        startWrite(); // a writer may have appended after head() saw nothing
        outputChangedSoon();
    }

    @Override
    protected final void enqueue(ByteBuffer data) {
        if (queue.isEmpty() && writing.compareAndSet(false, true)) {
            if (submitDirect(data)) {
                if (data.hasRemaining()) {
                    queue.append(data); // behind the write in flight, and drained after it
                }
                return;
            }
            writing.set(false);
        }
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
        if (isClosed()) {
            return;
        }
        if (held != null && wantsToRead()) {
            deliverHeld();
            if (held == null && endHeld) {
                endHeld = false;
                endOfInput();
                return;
            }
        }
        if (wantsToRead()) {
            if (!reading && !endHeld) {
                reading = true;
                submitRead();
            }
        } else if (reading) {
            stopReading();
        }
    }

    /** Delivers held bytes in chunks while reading stays wanted; keeps the rest. */
    private void deliverHeld() {
        ByteBuffer h = held.flip();
        while (h.hasRemaining() && wantsToRead() && !isClosed()) {
            int n = Math.min(h.remaining(), HELD_CHUNK);
            ByteBuffer chunk = h.slice(h.position(), n);
            h.position(h.position() + n);
            deliver(chunk);
        }
        held = h.hasRemaining() ? h.compact() : null;
    }

    /** Keeps bytes that arrived while reading was not wanted (a copy: the buffer goes back now). */
    private void hold(ByteBuffer data) {
        if (held == null) {
            held = ByteBuffer.allocate(Math.max(4096, data.remaining()));
        } else if (held.remaining() < data.remaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(held.capacity() * 2, held.position() + data.remaining()));
            held = bigger.put(held.flip());
        }
        held.put(data);
    }
}
