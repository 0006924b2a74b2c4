package org.iolab.engine.support;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.iolab.protocol.ConnectionInfo;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.server.ServerStats;

/**
 * A {@link TransportCore} as its {@link Stage} sees it: the engine below ({@link #toWire}), the
 * application above (the bytes that reach it counted and stamped for the deadlines, the
 * protocol made when the stage opens, with the protocol ALPN chose).
 *
 * <p>Thread rule: the connection's serialized thread, but for the accessors.
 */
final class StageLink implements Stage.Core {

    private final TransportCore core;
    private final CallbackGuard callbacks;
    private final Deadlines deadlines;
    /** What makes the protocol, kept until the stage opens (after a TLS handshake). */
    ProtocolFactory factory;

    StageLink(TransportCore core, CallbackGuard callbacks, Deadlines deadlines) {
        this.core = core;
        this.callbacks = callbacks;
        this.deadlines = deadlines;
    }

    @Override
    public void toWire(ByteBuffer bytes) {
        core.enqueue(bytes);
    }

    @Override
    public void toApplication(ByteBuffer plaintext) {
        core.toApplication(plaintext);
    }

    @Override
    public void opened(String applicationProtocol) {
        if (deadlines != null) {
            deadlines.handshakeDone();
        }
        ProtocolFactory f = factory;
        factory = null;
        callbacks.open(f, new ConnectionInfo(core.remote(), core.local(), applicationProtocol, core.server().stats()));
    }

    @Override
    public void peerEnded() {
        core.endOfInput();
    }

    @Override
    public void failed(Exception cause) {
        core.closeWith(cause);
    }

    @Override
    public void outputChanged() {
        core.outputChanged();
    }

    @Override
    public Serializer serializer() {
        return core.serializer();
    }

    @Override
    public OutputQueue queue() {
        return core.queue;
    }

    @Override
    public ServerStats stats() {
        return core.server().stats();
    }

    @Override
    public InetSocketAddress remote() {
        return core.remote();
    }
}
