package org.iolab.server;

/**
 * An engine cannot serve what was asked of it here: it is unavailable on this platform, or it
 * does not serve that kind of application. The message says which engines can.
 */
public final class EngineRefusedException extends IllegalArgumentException {

    public EngineRefusedException(String message) {
        super(message);
    }
}
