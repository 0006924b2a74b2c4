package org.iolab.engine.support;

import java.nio.ByteBuffer;
import org.iolab.protocol.ConnectionInfo;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.ProtocolFactory;

/**
 * Every call into one connection's {@link Protocol}, guarded: a callback that throws is counted
 * and ends its connection (never the engine's thread), and no callback runs inside another of
 * the same connection: a {@code writabilityChanged} or {@code connectionLost} that a callback
 * causes is delivered right after that callback returns. {@code connectionLost} comes once.
 *
 * <p>Thread rule: the connection's serialized thread only (see {@link TransportCore}).
 */
final class CallbackGuard {

    private static final System.Logger LOG = System.getLogger(CallbackGuard.class.getName());

    private final TransportCore transport;
    private Protocol protocol;
    private boolean inCallback;
    private boolean writabilityPending;
    private boolean lostPending;
    private Throwable lostCause;
    private boolean deliveredWritable = true;

    CallbackGuard(TransportCore transport) {
        this.transport = transport;
    }

    /** Makes the protocol and calls {@code connectionMade}. */
    void open(ProtocolFactory factory, ConnectionInfo info) {
        inCallback = true;
        try {
            protocol = factory.newProtocol(info);
            protocol.connectionMade(transport);
        } catch (Throwable t) {
            failed(t);
        }
        returned();
    }

    /** {@code dataReceived}: no lambda, no allocation (the hot path). */
    void dataReceived(ByteBuffer data) {
        inCallback = true;
        try {
            protocol.dataReceived(data);
        } catch (Throwable t) {
            failed(t);
        }
        returned();
    }

    /** Runs a task handed to the connection ({@code Transport.execute}), guarded as a callback. */
    void task(Runnable task) {
        boolean nested = inCallback;
        inCallback = true;
        try {
            task.run();
        } catch (Throwable t) {
            failed(t);
        }
        if (!nested) {
            returned();
        }
    }

    /** The server is stopping: whether the protocol closes by itself once done. */
    boolean stopRequested() {
        if (protocol == null || transport.isClosed()) {
            return false;
        }
        boolean nested = inCallback;
        inCallback = true;
        boolean itself = false;
        try {
            itself = protocol.stopRequested();
        } catch (Throwable t) {
            failed(t);
        }
        if (!nested) {
            returned();
        }
        return itself;
    }

    /** Delivers a change of writability to {@code now}, at once or right after the current callback. */
    void writability(boolean now) {
        if (inCallback) {
            writabilityPending = true;
            return;
        }
        if (now == deliveredWritable || protocol == null || transport.isClosed()) {
            return;
        }
        deliveredWritable = now;
        inCallback = true;
        try {
            protocol.writabilityChanged(now);
        } catch (Throwable t) {
            failed(t);
        }
        returned();
    }

    /** The connection ended: {@code connectionLost(cause)}, at once or right after the current callback. */
    void lost(Throwable cause) {
        if (protocol == null) {
            return; // the factory failed: there is nobody to tell
        }
        if (inCallback) {
            lostPending = true;
            lostCause = cause;
            return;
        }
        try {
            protocol.connectionLost(cause);
        } catch (Throwable t) {
            transport.server().stats().onCallbackFailure();
            SafeLog.log(LOG, System.Logger.Level.WARNING, "callback-failed", () -> "connectionLost failed: " + t, t);
        }
    }

    private void failed(Throwable t) {
        inCallback = false;
        transport.server().stats().onCallbackFailure();
        transport.fail(t);
    }

    private void returned() {
        inCallback = false;
        if (lostPending) {
            lostPending = false;
            lost(lostCause);
        } else if (writabilityPending) {
            writabilityPending = false;
            writability(transport.isWritable());
        }
    }
}
