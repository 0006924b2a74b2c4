package org.iolab.engine.support;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.iolab.tls.TlsContext;
import org.iolab.tls.TlsSession;

/**
 * The stage of a connection over TLS, whatever its engine and whatever the provider: the engine
 * moves records, this class turns them into the plaintext the application sees and back through
 * one {@link TlsSession}, touched only on the connection's serialized thread. A write from
 * another thread (a chat broadcast) is copied to a backlog, counted against the water marks at
 * once, and encrypted on that thread, in write order; a serialized write encrypts at once, after
 * anything in the backlog. Records go to the wire through {@link Stage.Core#toWire}, so
 * backpressure counts encrypted bytes, and one write of the application (16 pipelined
 * responses) is one run of records in one engine write.
 *
 * <p>Thread rule: as {@link Stage}.
 */
final class TlsStage implements Stage, TlsSession.Peer {

    private final Core core;
    private final TlsSession session;
    /** Writes from other threads, waiting for the serialized thread to encrypt them. */
    private final ConcurrentLinkedQueue<ByteBuffer> backlog = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drainLater;
    private boolean failed; // serialized

    TlsStage(Core core, TlsContext context) {
        this.core = core;
        this.session = context.newSession(this);
    }

    /** Waits for the client's hello. */
    @Override
    public void open() {
        try {
            session.start();
        } catch (SSLException e) {
            failed(e);
        }
    }

    @Override
    public void received(ByteBuffer records) {
        if (failed) {
            records.position(records.limit());
            return;
        }
        try {
            session.received(records);
        } catch (SSLException e) {
            failed(e);
        }
    }

    @Override
    public void write(ByteBuffer data) {
        if (session.handshaken() && core.serializer().isSerialized()) {
            if (drainBacklog()) {
                send(data);
            } else {
                data.position(data.limit());
            }
            return;
        }
        int n = data.remaining();
        ByteBuffer copy = ByteBuffer.allocate(n).put(data).flip();
        core.queue().hold(n);
        backlog.add(copy);
        if (session.handshaken() && drainScheduled.compareAndSet(false, true)) {
            core.serializer().serialize(drainTask);
        }
    }

    @Override
    public boolean holdsOutput() {
        return session.handshaken() && !backlog.isEmpty();
    }

    /** Sends {@code close_notify} once everything written before it has gone (or the alert, after a failure). */
    @Override
    public boolean closeOutbound() {
        return !failed && session.closeOutbound();
    }

    @Override
    public void release() {
        session.release();
        backlog.clear(); // the queue's count went with the queue
    }

    @Override
    public Throwable endOfInput() {
        SSLException cut = session.endOfInput();
        if (cut != null && !session.handshaken() && !failed) {
            core.stats().onTlsFailure();
        }
        return cut;
    }

    /** The task a write from another thread scheduled. Serialized. */
    private void drainLater() {
        drainScheduled.set(false);
        if (drainBacklog()) {
            core.outputChanged();
        }
    }

    /** Encrypts what waits in the backlog; {@code false} when TLS has failed. Serialized. */
    private boolean drainBacklog() {
        ByteBuffer b;
        while (!failed && (b = backlog.poll()) != null) {
            core.queue().release(b.remaining());
            send(b);
        }
        return !failed;
    }

    private void send(ByteBuffer data) {
        try {
            session.send(data);
        } catch (SSLException e) {
            failed(e);
        }
    }

    /**
     * Not TLS, a broken handshake, a record that does not decrypt: counted, logged (one line, no
     * stack trace, rate-limited), answered with the session's alert, and closed once it is sent.
     */
    private void failed(SSLException e) {
        if (failed) {
            return;
        }
        failed = true;
        TlsFailures.record(core.stats(), core.remote(), e, !session.handshaken());
        session.closeOutbound();
        ByteBuffer dropped;
        while ((dropped = backlog.poll()) != null) {
            core.queue().release(dropped.remaining());
        }
        core.failed(e);
    }

    @Override
    public void sendRecords(ByteBuffer records) {
        core.toWire(records);
    }

    @Override
    public void plaintext(ByteBuffer data) {
        core.toApplication(data);
    }

    @Override
    public void handshakeFinished() {
        core.stats().onTlsHandshake();
        core.opened(session.applicationProtocol());
        if (!backlog.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            core.serializer().serialize(drainTask);
        }
    }

    @Override
    public void peerClosed() {
        core.peerEnded();
    }
}
