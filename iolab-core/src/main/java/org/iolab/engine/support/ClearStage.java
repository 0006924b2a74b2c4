package org.iolab.engine.support;

import java.nio.ByteBuffer;

/**
 * The stage of a connection in clear text: bytes go through untouched, the connection is open
 * at once, and its end is always clean.
 *
 * <p>Thread rule: as {@link Stage}; it holds no state.
 */
final class ClearStage implements Stage {

    private final Core core;

    ClearStage(Core core) {
        this.core = core;
    }

    @Override
    public void open() {
        core.opened(null);
    }

    @Override
    public void received(ByteBuffer wire) {
        core.toApplication(wire);
    }

    @Override
    public void write(ByteBuffer data, boolean serializedHere) {
        core.toWire(data);
    }

    @Override
    public boolean holdsOutput() {
        return false;
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
