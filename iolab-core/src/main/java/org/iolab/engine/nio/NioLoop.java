package org.iolab.engine.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;
import org.iolab.engine.event.EventLoop;
import org.iolab.engine.support.SafeLog;
import org.iolab.server.ServerStats;

/**
 * An {@link EventLoop} waiting on a JDK {@link Selector} (epoll on Linux, whatever was asked).
 * Each key's attachment is the {@code Consumer<SelectionKey>} to call when it is ready.
 *
 * <p>Thread rule: as {@link EventLoop}; the selector and the read buffer are the loop's own.
 */
final class NioLoop extends EventLoop {

    private static final System.Logger LOG = System.getLogger(NioLoop.class.getName());

    final Selector selector;
    /** The loop's one read buffer: every connection of this loop reads into it in turn. */
    final ByteBuffer readBuffer;

    NioLoop(ServerStats stats, int readBufferSize) throws IOException {
        super(stats);
        this.selector = Selector.open();
        this.readBuffer = ByteBuffer.allocateDirect(readBufferSize);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void waitForIo(long timeoutMillis) throws IOException {
        Consumer<SelectionKey> dispatch = key -> {
            try {
                ((Consumer<SelectionKey>) key.attachment()).accept(key);
            } catch (Throwable t) {
                SafeLog.log(LOG, System.Logger.Level.ERROR, "nio-handler", () -> "handler failed; continuing: " + t, t);
            }
        };
        if (timeoutMillis == 0) {
            selector.selectNow(dispatch);
        } else {
            selector.select(dispatch, Math.max(0, timeoutMillis));
        }
    }

    @Override
    protected void wakeup() {
        selector.wakeup();
    }

    @Override
    protected void closeLoop() {
        closeSelector();
    }

    /** Closes the selector (the loop ended, or it never started). */
    void closeSelector() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
