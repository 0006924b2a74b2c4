package org.iolab.engine.support;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.iolab.tls.TlsConfig;
import org.iolab.tls.TlsSession;

/**
 * TLS for one {@link TransportCore}, whatever its engine: the engine moves records, this class
 * turns them into the plaintext the application sees and back. It is the only place a
 * connection's {@link TlsSession} is touched, and only on the connection's serialized thread:
 * a write from another thread (a chat broadcast) is copied to a backlog, counted against the
 * water marks at once, and encrypted on that thread, in write order; a serialized write
 * encrypts at once, after anything in the backlog. Records go to the engine through
 * {@link TransportCore#enqueue}, so backpressure counts encrypted bytes, and one write of the
 * application (16 pipelined responses) is one run of records in one engine write.
 *
 * <p>Thread rule: {@link #write} from any thread; everything else serialized.
 */
final class TlsChannel implements TlsSession.Peer {

    private final TransportCore core;
    private final TlsSession session;
    /** Writes from other threads, waiting for the serialized thread to encrypt them. */
    private final ConcurrentLinkedQueue<ByteBuffer> backlog = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drainLater;
    private boolean failed; // serialized

    TlsChannel(TransportCore core, TlsConfig config) {
        this.core = core;
        this.session = new TlsSession(config.newServerEngine(), this);
    }

    /** Waits for the client's hello. Serialized. */
    void open() {
        try {
            session.start();
        } catch (SSLException e) {
            failed(e);
        }
    }

    /** Records arrived from the engine. Serialized. */
    void received(ByteBuffer records) {
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

    /** The application's plaintext, from any thread (the caller has counted it). */
    void write(ByteBuffer data) {
        if (core.isSerializedHere() && session.handshaken()) {
            if (drainBacklog()) {
                send(data);
            } else {
                data.position(data.limit());
            }
            return;
        }
        int n = data.remaining();
        ByteBuffer copy = ByteBuffer.allocate(n).put(data).flip();
        core.queue.hold(n);
        backlog.add(copy);
        if (session.handshaken() && drainScheduled.compareAndSet(false, true)) {
            core.serialize(drainTask);
        }
    }

    /** Whether writes from other threads wait to be encrypted (a close waits for them). Any thread. */
    boolean backlogged() {
        return session.handshaken() && !backlog.isEmpty();
    }

    /**
     * Sends {@code close_notify} once everything written before it has gone; {@code false} when
     * it was sent already (or an alert was, or the handshake never began). Serialized.
     */
    boolean closeOutbound() {
        return !failed && session.closeOutbound();
    }

    /** The stream ended: {@code null} after the peer's {@code close_notify}, else the truncation. Serialized. */
    SSLException endOfInput() {
        SSLException cut = session.endOfInput();
        if (cut != null && !session.handshaken() && !failed) {
            core.server().stats().onTlsFailure();
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
            core.queue.release(b.remaining());
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
     * stack trace, rate-limited), answered with the engine's alert, and closed once it is sent.
     */
    private void failed(SSLException e) {
        if (failed) {
            return;
        }
        failed = true;
        TlsFailures.record(core.server().stats(), core.remoteAddress(), e, !session.handshaken());
        session.closeOutbound();
        ByteBuffer dropped;
        while ((dropped = backlog.poll()) != null) {
            core.queue.release(dropped.remaining());
        }
        core.closeWith(e);
    }

    @Override
    public void sendRecords(ByteBuffer records) {
        core.enqueue(records);
    }

    @Override
    public void plaintext(ByteBuffer data) {
        core.deliverPlaintext(data);
    }

    @Override
    public void handshakeFinished() {
        core.server().stats().onTlsHandshake();
        core.handshakeFinished();
        if (!backlog.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            core.serialize(drainTask);
        }
    }

    @Override
    public void peerClosed() {
        core.endOfInput();
    }
}
