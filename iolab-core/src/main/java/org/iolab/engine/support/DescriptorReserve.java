package org.iolab.engine.support;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One descriptor kept open for the day the process runs out of them (libuv's trick): when
 * {@code accept} fails with EMFILE or ENFILE, the reserve is closed, the pending connections are
 * accepted and closed at once (their clients see a clean end instead of hanging in the backlog),
 * and the reserve is opened again.
 *
 * <pre>{@code
 * if (reserve.release()) { try { acceptAndCloseEveryPending(); } finally { reserve.restore(); } }
 * }</pre>
 *
 * <p>Thread rule: every method is safe from any thread.
 */
public final class DescriptorReserve {

    private static final Path NULL = Path.of("/dev/null");
    private FileChannel held = open();

    /** Closes the reserve so one descriptor is free; {@code false} when there is none to give. */
    public synchronized boolean release() {
        if (held == null) {
            return false;
        }
        Closeables.closeQuietly(held);
        held = null;
        return true;
    }

    /** Opens the reserve again, if a descriptor is free for it. */
    public synchronized void restore() {
        if (held == null) {
            held = open();
        }
    }

    /** Whether the reserve is held now. */
    public synchronized boolean held() {
        return held != null;
    }

    /** Closes it for good (the server stopped). */
    public synchronized void close() {
        Closeables.closeQuietly(held);
        held = null;
    }

    private static FileChannel open() {
        try {
            return FileChannel.open(NULL, StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
