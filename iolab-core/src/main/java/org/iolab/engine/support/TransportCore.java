package org.iolab.engine.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.iolab.protocol.ConnectionInfo;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.protocol.Transport;
import org.iolab.server.ServerStats;

/**
 * The bookkeeping of one connection that every engine shares, whatever its IO model (as
 * Twisted's {@code abstract.FileDescriptor} serves every reactor): the pending-output queue
 * with its water marks, delivering {@code writabilityChanged}, pause and resume, the closing
 * sequence (flush then close, abort, a peer's half-close, leaving the connection set, counting
 * a failure, exactly one {@code connectionLost}) and the guard around every callback.
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
 */
public abstract class TransportCore implements Transport, ConnectionSet.Member {

    private static final System.Logger LOG = System.getLogger(TransportCore.class.getName());

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
    /** TLS over this connection's bytes, or {@code null} in clear text. */
    private final TlsChannel tls;
    private volatile boolean timedOut;

    private volatile boolean closing;
    private volatile boolean paused;
    /** A lingering close: reading (and dropping) goes on while the output drains, and after the half-close. */
    private volatile boolean lingering;

    // serialized state
    private final CallbackGuard callbacks = new CallbackGuard(this);
    private boolean closed;
    private Throwable closingCause; // what connectionLost is told after a graceful close (a TLS truncation)
    private boolean inputEnded;
    private boolean halfClosed;
    private ProtocolFactory factory; // kept until the TLS handshake is done

    protected TransportCore(ServerContext server, Serializer serializer, InetSocketAddress remote,
                            InetSocketAddress local) {
        this.server = server;
        this.serializer = serializer;
        this.queue = new OutputQueue(server.config().highWater(), server.config().lowWater());
        this.remote = remote;
        this.local = local;
        Deadlines d = new Deadlines(server);
        this.deadlines = d.any() ? d : null;
        this.tls = server.config().tls() == null ? null : new TlsChannel(this, server.config().tls());
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
     * Makes the protocol and announces the connection (over TLS, once the handshake is done),
     * then asks for reading. Serialized.
     */
    public final void open(ProtocolFactory factory) {
        assert serializer.isSerialized();
        if (tls == null) {
            callbacks.open(factory, new ConnectionInfo(remote, local));
        } else {
            this.factory = factory;
            tls.open();
        }
        if (!closed) {
            readInterestChanged();
        }
    }

    /** The TLS handshake is done: now the application hears of the connection. Serialized. */
    final void handshakeFinished() {
        if (deadlines != null) {
            deadlines.handshakeDone();
        }
        ProtocolFactory f = factory;
        factory = null;
        callbacks.open(f, new ConnectionInfo(remote, local));
    }

    /**
     * Hands bytes that arrived to the protocol (valid during the call only), decrypted first
     * over TLS. Serialized.
     */
    protected final void deliver(ByteBuffer data) {
        assert serializer.isSerialized();
        if (closed || lingering) {
            data.position(data.limit()); // a lingering close drops what still comes
            return;
        }
        if (tls != null) {
            tls.received(data);
            return;
        }
        // the clear path hands over here, not through deliverPlaintext: one call less to inline
        server.stats().onBytesIn(data.remaining());
        if (deadlines != null) {
            deadlines.input(data);
        }
        callbacks.dataReceived(data);
    }

    /** Hands plaintext to the protocol (TLS's, decrypted). Serialized. */
    final void deliverPlaintext(ByteBuffer data) {
        if (closed) {
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
        if (lingering) {
            if (halfClosed) {
                finish(closingCause, false); // the peer has read everything and closed: done lingering
            } else {
                outputChanged();
            }
            return;
        }
        if (tls != null && closingCause == null) {
            closingCause = tls.endOfInput();
        }
        closeWith(closingCause);
    }

    /** Closes gracefully (pending output first), then tells the protocol {@code cause}. Serialized. */
    final void closeWith(Throwable cause) {
        closingCause = cause;
        closing = true;
        outputChanged();
    }

    /**
     * The queue changed (something was queued, or the kernel took some), or a close began:
     * finishes a close once everything is sent, else delivers a writability change and
     * re-evaluates reading (which stops while closing). Serialized.
     */
    protected final void outputChanged() {
        assert serializer.isSerialized();
        if (closed) {
            return;
        }
        if (closing && queue.isEmpty() && !writeInFlight() && (tls == null || !tls.backlogged())) {
            if (tls != null && tls.closeOutbound() && (!queue.isEmpty() || writeInFlight())) {
                return; // close_notify is on its way; its drainer calls again
            }
            if (lingering && !inputEnded) {
                if (!halfClosed) {
                    halfClosed = true;
                    shutdownOutput();
                    if (deadlines != null) {
                        deadlines.lingerStarted();
                    }
                }
                readInterestChanged(); // read and drop until the peer closes, or the linger deadline
                return;
            }
            finish(closingCause, false);
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
        if (closed) {
            return;
        }
        if (cause instanceof IOException) {
            SafeLog.log(LOG, System.Logger.Level.DEBUG, "connection-failed", () -> "connection " + remote
                    + " failed: " + cause, null);
        } else {
            SafeLog.log(LOG, System.Logger.Level.WARNING, "callback-failed", () -> "callback failed, closing "
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
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        queue.clear();
        release(reset);
        server.connections().remove(this);
        if (cause != null) {
            server.stats().onFailed();
        }
        callbacks.lost(cause);
    }

    /** Whether reading is wanted: open, not paused, and the queue below its high-water mark. Any thread. */
    protected final boolean wantsToRead() {
        return (!closing || lingering) && !paused && queue.isWritable();
    }

    /** Whether a lingering close reads on after {@code close}. Any thread. */
    protected final boolean isLingering() {
        return lingering;
    }

    /** Whether the connection has ended. Serialized. */
    protected final boolean isClosed() {
        return closed;
    }

    /** Whether close or abort has begun (or the connection ended). Any thread. */
    protected final boolean isClosing() {
        return closing;
    }

    /** Asks the serialized thread to act on a deadline that has passed (the sweeper's thread). */
    @Override
    public final void checkTimeouts(long now) {
        ServerStats.Timeout kind = deadlines == null ? null : deadlines.expired(now, queue.isEmpty() ? 0 : queue.progressAt());
        if (kind != null && (!timedOut || kind == ServerStats.Timeout.LINGER)) { // a 408 still lingers, and ends
            timedOut = true;
            if (kind == ServerStats.Timeout.LINGER) {
                deadlines.lingerEnded();
            }
            serialize(() -> timeout(kind));
        }
    }

    /** A line deadline gets an error line then a close; idle, a close; a write stall, a reset. Serialized. */
    private void timeout(ServerStats.Timeout kind) {
        if (closed) {
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

    /** Whether the calling thread is this connection's serialized one now. */
    final boolean isSerializedHere() {
        return serializer.isSerialized();
    }

    /** Runs {@code task} serialized: now when the caller may, else soon. Any thread. */
    protected final void serialize(Runnable task) {
        serializer.serialize(task);
    }

    @Override
    public final void write(ByteBuffer data) {
        if (closing) {
            data.position(data.limit());
            return;
        }
        server.stats().onBytesOut(data.remaining());
        boolean wasWritable = queue.isWritable();
        if (tls == null) {
            enqueue(data);
        } else {
            tls.write(data);
        }
        if (wasWritable && !queue.isWritable()) {
            // crossing the high-water mark is news now, not when the drainer next reports (a
            // blocking or completion drainer reports only when its write completes)
            outputChangedSoon();
        }
    }

    @Override
    public final void close() {
        if (!closing) {
            closing = true;
            serializer.serialize(outputTask);
        }
    }

    @Override
    public final void closeLingering() {
        if (!closing) {
            lingering = true;
            close();
        }
    }

    @Override
    public final void abort() {
        closing = true;
        serializer.serialize(abortTask);
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
