package org.iolab.engine.support;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.iolab.protocol.ConnectionInfo;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.protocol.Transport;
import org.iolab.server.ServerStats;

import static org.iolab.engine.support.ConnectionPhase.CLOSED;
import static org.iolab.engine.support.ConnectionPhase.CLOSING;
import static org.iolab.engine.support.ConnectionPhase.HALF_CLOSED;
import static org.iolab.engine.support.ConnectionPhase.LINGERING;
import static org.iolab.engine.support.ConnectionPhase.OPEN;

/**
 * The bookkeeping of one connection that every engine shares, whatever its IO model (as
 * Twisted's {@code abstract.FileDescriptor} serves every reactor): the pending-output queue
 * with its water marks, delivering {@code writabilityChanged}, pause and resume, the closing
 * sequence (flush then close, abort, a peer's half-close, leaving the connection set, counting
 * a failure, exactly one {@code connectionLost}) and the guard around every callback.
 *
 * <p>Below it lies the connection's {@link Stage}, chosen once: clear text, or TLS on the
 * server's {@link org.iolab.tls.TlsProvider}. The core never asks which: the engine's bytes go
 * up through the stage, the application's writes go down through it, and the closing sequence
 * waits for what the stage holds and sends its last word ({@code close_notify}).
 *
 * <p>The closing sequence is one {@link ConnectionPhase} at a time, moved here alone: while
 * CLOSING nothing more is read; while LINGERING or HALF_CLOSED what arrives is read and dropped,
 * so a client still sending reads its answer instead of a reset.
 *
 * <p>An engine family adds only its concurrency rule, a {@link Serializer} (the readiness family:
 * the connection's event loop; nio2's completion handlers and the thread engines: a
 * {@link SerialLock}), and its way of moving bytes.
 *
 * <p><b>Thread rule.</b> The {@link Transport} methods are safe from any thread. Methods marked
 * <em>serialized</em> (the family's hooks and the helpers it calls) run under the serializer, one
 * at a time; assertions check it. A callback never runs inside another callback of the same
 * connection: a {@code writabilityChanged} or {@code connectionLost} that a callback causes (it
 * closes, or its write crosses a water mark) is delivered right after that callback returns. It
 * may run inside another connection's callback that writes to or closes this one (a chat
 * broadcast).
 *
 * <p>One class over 300 lines on purpose: one connection's state (its phase, its queue, its stage, its guard), which every method here reads and changes; its parts that need none of it are apart ({@code Stage}, {@code StageLink}, {@code ConnectionPhase}, {@code Deadlines}, {@code ConnectionTasks}).
 */
public abstract class TransportCore implements Transport, ConnectionSet.Member {

    private static final System.Logger LOG = System.getLogger(TransportCore.class.getName());
    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(TransportCore.class, "phase", ConnectionPhase.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What the kernel has not taken yet. Appended from any thread; drained by one drainer. */
    protected final OutputQueue queue;
    private final ServerContext server;
    private final Serializer serializer;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final Runnable abortTask = () -> finish(null, true);
    private final Runnable readInterestTask = this::readInterestChanged;
    private final Runnable outputTask = this::outputChanged;
    private final Deadlines deadlines;
    /** Clear text or TLS, below this core. */
    private final Stage stage;
    /** No TLS: the data paths skip the stage (see {@link ClearStage}). */
    private final boolean clearText;

    /** Written serialized, or by a compare-and-set from OPEN on any thread ({@code close}, {@code abort}). */
    private volatile ConnectionPhase phase = OPEN;
    /** Tasks handed to the connection ({@link #execute}), made on first use. */
    private volatile ConnectionTasks tasks;
    /** The application paused reading: flow control, not the closing sequence. */
    private volatile boolean paused;
    /** Works given to the worker pool ({@link #executeBlocking}), made on first use. */
    private volatile WorkLane work;
    /** Too many of them unfinished: reading waits (see {@link WorkLane}). */
    private volatile boolean backlogged;

    // serialized state
    private final CallbackGuard callbacks = new CallbackGuard(this);
    private final StageLink link;
    private Throwable closingCause; // what connectionLost is told after a graceful close (a TLS truncation)
    private boolean inputEnded;     // the peer's end of stream has come
    private volatile boolean opened; // open() has made the stage (and in clear text the protocol): reading may start

    protected TransportCore(ServerContext server, Serializer serializer, InetSocketAddress remote,
                            InetSocketAddress local) {
        this.server = server;
        this.serializer = serializer;
        this.queue = new OutputQueue(server.config().highWater(), server.config().lowWater());
        this.remote = remote;
        this.local = local;
        Deadlines d = new Deadlines(server);
        this.deadlines = d.any() ? d : null;
        this.link = new StageLink(this, callbacks, deadlines);
        this.clearText = server.tls() == null;
        this.stage = clearText ? new ClearStage(this, link) : new TlsStage(link, server.tls());
    }

    /** Takes {@code data} (not closing): sends it now or queues it and arranges a flush. Any thread. */
    protected abstract void enqueue(ByteBuffer data);

    /** Reading may have to start or stop: see {@link #wantsToRead}. Serialized. */
    protected abstract void readInterestChanged();

    /** Closes the socket, with a reset when {@code reset}. Serialized; called once. */
    protected abstract void release(boolean reset);

    /**
     * Shuts the socket's write side ({@code shutdown(SHUT_WR)}): the peer reads the end after
     * every byte sent, and reading goes on. Nothing is pending or in flight when it is called.
     * Serialized; at most once.
     */
    protected abstract void shutdownOutput();

    /** Whether output is in the kernel's hands or being written now: a close waits for it. */
    protected boolean writeInFlight() {
        return false;
    }

    /**
     * Opens the stage (in clear text the protocol is made and announced now; over TLS once the
     * handshake is done), then asks for reading. Serialized.
     */
    public final void open(ProtocolFactory factory) {
        assert serializer.isSerialized();
        link.factory = factory;
        stage.open(); // connectionMade may write, and a write that completes at once must not start reading inside it
        opened = true;
        if (phase != CLOSED) {
            readInterestChanged();
        }
    }

    /**
     * Hands bytes that arrived to the stage (valid during the call): the application gets them,
     * decrypted first over TLS. Serialized.
     */
    protected final void deliver(ByteBuffer data) {
        assert serializer.isSerialized();
        if (phase.dropsInput()) {
            data.position(data.limit()); // a lingering close drops what still comes
            return;
        }
        if (clearText) {
            toApplication(data);
        } else {
            stage.received(data);
        }
    }

    /** Bytes for the application (its stage's: clear text's as they came, TLS's decrypted). Serialized. */
    final void toApplication(ByteBuffer data) {
        if (phase == CLOSED) {
            return;
        }
        server.stats().onBytesIn(data.remaining());
        if (deadlines != null) {
            deadlines.input(data);
        }
        callbacks.dataReceived(data);
    }

    /**
     * The peer half-closed: what is pending is still sent, then the connection closes (over
     * TLS without the peer's {@code close_notify}, the application is told of a truncation).
     * Serialized.
     */
    protected final void endOfInput() {
        inputEnded = true;
        ConnectionPhase p = phase;
        if (p == HALF_CLOSED) {
            finish(closingCause, false); // the peer has read everything and closed: done lingering
            return;
        }
        if (p == LINGERING) {
            outputChanged();
            return;
        }
        if (closingCause == null) {
            closingCause = stage.endOfInput();
        }
        closeWith(closingCause);
    }

    /** Closes gracefully (pending output first), then tells the protocol {@code cause}. Serialized. */
    final void closeWith(Throwable cause) {
        closingCause = cause;
        PHASE.compareAndSet(this, OPEN, CLOSING);
        outputChanged();
    }

    /**
     * The queue changed (something was queued, or the kernel took some), or a close began:
     * moves the closing sequence on once everything is sent, else delivers a writability change
     * and re-evaluates reading (which stops while closing). Serialized.
     */
    protected final void outputChanged() {
        assert serializer.isSerialized();
        ConnectionPhase p = phase;
        if (p == CLOSED) {
            return;
        }
        if (p != OPEN && queue.isEmpty() && !writeInFlight() && !stage.holdsOutput()) {
            if (stage.closeOutbound() && (!queue.isEmpty() || writeInFlight())) {
                return; // close_notify is on its way; its drainer calls again
            }
            if (p == CLOSING || inputEnded) {
                finish(closingCause, false);
                return;
            }
            if (p == LINGERING) {
                phase = HALF_CLOSED;
                shutdownOutput();
                if (deadlines != null) {
                    deadlines.lingerStarted();
                }
            }
            readInterestChanged(); // read and drop until the peer closes, or the linger deadline
            return;
        }
        callbacks.writability(queue.isWritable());
        readInterestChanged();
    }

    /** {@link #outputChanged} from any thread. */
    protected final void outputChangedSoon() {
        serializer.serialize(outputTask);
    }

    /** An IO error or a failed callback ends the connection with a reset. Serialized; idempotent. */
    protected final void fail(Throwable cause) { // also the callback guard's
        if (phase == CLOSED) {
            return;
        }
        if (cause instanceof IOException) {
            SafeLog.log(LOG, System.Logger.Level.DEBUG, "connection-failed", () -> "connection " + remote
                    + " failed: " + cause, null);
        } else {
            SafeLog.log(LOG, System.Logger.Level.WARNING, SafeLog.kindOf("callback-failed", cause), () -> "callback failed, closing "
                    + remote + ": " + cause, cause);
        }
        finish(cause, true);
    }

    /**
     * Ends the connection once: drops pending output, closes the socket, leaves the connection
     * set, counts a failure, and tells the protocol. Serialized.
     */
    protected final void finish(Throwable cause, boolean reset) {
        assert serializer.isSerialized();
        if (phase == CLOSED) {
            return;
        }
        phase = CLOSED;
        queue.clear();
        stage.release();
        release(reset);
        server.connections().remove(this);
        if (cause != null) {
            server.stats().onFailed();
        }
        callbacks.lost(cause);
    }

    /** Whether reading is wanted: opened (see {@link #open}), open or lingering, not paused, not backlogged with work, and the queue below its high-water mark. Any thread. */
    protected final boolean wantsToRead() {
        return opened && phase.reads() && !paused && !backlogged && queue.isWritable();
    }

    /** Whether a lingering close reads on after {@code close}. Any thread. */
    protected final boolean isLingering() {
        return phase.lingers();
    }

    /** Whether the connection has ended. Serialized. */
    protected final boolean isClosed() {
        return phase == CLOSED;
    }

    /** Whether close or abort has begun (or the connection ended). Any thread. */
    protected final boolean isClosing() {
        return phase != OPEN;
    }

    /** Asks the serialized thread to act on a deadline that has passed (the sweeper's thread). */
    @Override
    public final void checkTimeouts(long now) {
        ServerStats.Timeout kind = deadlines == null ? null : deadlines.due(now, queue.isEmpty() ? 0 : queue.progressAt());
        if (kind != null) {
            serialize(() -> timeout(kind));
        }
    }

    /** A line deadline gets an error line then a close; idle, a close; a write stall, a reset. Serialized. */
    private void timeout(ServerStats.Timeout kind) {
        if (phase == CLOSED) {
            return;
        }
        server.connections().timedOut(this, kind);
        switch (kind) {
            case LINE -> {
                write(deadlines.lineTimeoutMessage());
                close();
            }
            case IDLE, HANDSHAKE -> close();
            case WRITE_STALL, LINGER -> abort();
        }
    }

    /** The server this connection belongs to. */
    protected final ServerContext server() {
        return server;
    }

    /** Runs {@code task} serialized: now when the caller may, else soon. Any thread. */
    protected final void serialize(Runnable task) {
        serializer.serialize(task);
    }

    final Serializer serializer() {
        return serializer;
    }

    final InetSocketAddress remote() {
        return remote;
    }

    final InetSocketAddress local() {
        return local;
    }

    @Override
    public final void write(ByteBuffer data) {
        if (phase != OPEN) {
            data.position(data.limit());
            return;
        }
        server.stats().onBytesOut(data.remaining());
        boolean wasWritable = queue.isWritable();
        if (clearText) {
            enqueue(data);
        } else {
            stage.write(data);
        }
        if (wasWritable && !queue.isWritable()) {
            // crossing the high-water mark is news now, not when the drainer next reports (a
            // blocking or completion drainer reports only when its write completes)
            outputChangedSoon();
        }
    }

    @Override
    public final void close() {
        if (PHASE.compareAndSet(this, OPEN, CLOSING)) {
            serializer.serialize(outputTask);
        }
    }

    @Override
    public final void closeLingering() {
        if (PHASE.compareAndSet(this, OPEN, LINGERING)) {
            serializer.serialize(outputTask);
        }
    }

    @Override
    public final void abort() {
        PHASE.compareAndSet(this, OPEN, CLOSING); // writes are dropped from now on
        serializer.serialize(abortTask);
    }

    /** Asks the protocol whether it closes by itself once done (HTTP/2's GOAWAY); else closes now. */
    @Override
    public final void stopGracefully() {
        serializer.serializeLater(() -> {
            if (!callbacks.stopRequested()) {
                close();
            }
        });
    }

    @Override
    public final void dropAsSlowConsumer() {
        server.stats().onSlowConsumerDrop();
        abort();
    }

    @Override
    public final void pauseReading() {
        paused = true;
        serializer.serialize(readInterestTask);
    }

    @Override
    public final void resumeReading() {
        paused = false;
        // later, not now: held input delivered here would run this connection's dataReceived
        // inside the caller, often another connection's callback holding an application lock
        serializer.serializeLater(readInterestTask);
    }

    @Override
    public final void execute(Runnable task) {
        ConnectionTasks t = tasks;
        if (t == null) {
            synchronized (this) {
                if (tasks == null) {
                    tasks = new ConnectionTasks(serializer, callbacks);
                }
                t = tasks;
            }
        }
        t.add(task);
    }

    @Override
    public final <T> void executeBlocking(Callable<? extends T> task, BiConsumer<? super T, ? super Throwable> then) {
        java.util.Objects.requireNonNull(task, "task");
        java.util.Objects.requireNonNull(then, "then");
        WorkLane w = work;
        if (w == null) {
            synchronized (this) {
                if (work == null) {
                    work = new WorkLane(this, server.workers());
                }
                w = work;
            }
        }
        w.submit(task, then);
    }

    /** The connection has too much work unfinished ({@code on}), or no longer. Any thread. */
    final void backlog(boolean on) {
        backlogged = on;
        if (on) {
            serializer.serialize(readInterestTask);
        } else {
            serializer.serializeLater(readInterestTask); // as resumeReading: never inside the caller
        }
    }

    @Override
    public final void requestPending(boolean pending) {
        if (deadlines != null) {
            deadlines.pending(pending);
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
    public final java.time.Duration outputStalledFor() {
        return queue.isEmpty() ? java.time.Duration.ZERO
                : java.time.Duration.ofNanos(Math.max(0, System.nanoTime() - queue.progressAt()));
    }

    @Override
    public final boolean isOpen() {
        return phase == OPEN;
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
