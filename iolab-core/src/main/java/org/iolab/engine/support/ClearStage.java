package org.iolab.engine.support;

import java.nio.ByteBuffer;

/**
 * The stage of a connection in clear text: bytes go through untouched, the connection is open
 * at once, and its end is always clean. It calls its core straight, not through the
 * {@link Stage.Core} link TLS uses; and {@link TransportCore}'s data paths skip it when there is
 * no TLS, so a read down to its write (the echo, an HTTP request to its answer) stays within
 * the JIT's inlining depth (past it, the FFM call's errno capture allocates a segment per send).
 *
 * <p>Thread rule: as {@link Stage}; it holds no state.
 */
final class ClearStage implements Stage {

    private final TransportCore core;
    private final Core link;

    ClearStage(TransportCore core, Core link) {
        this.core = core;
        this.link = link;
    }

    @Override
    public void open() {
        link.opened(null);
    }

    @Override
    public void received(ByteBuffer wire) {
        core.toApplication(wire);
    }

    @Override
    public void write(ByteBuffer data) {
        core.enqueue(data);
    }

    @Override
    public boolean holdsOutput() {
        return false;
    }

    @Override
    public void release() {
        // holds nothing
    }

    @Override
    public boolean closeOutbound() {
        return false;
    }

    @Override
    public Throwable endOfInput() {
        return null;
    }
}
