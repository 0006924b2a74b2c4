package org.iolab.engine.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;
import org.iolab.engine.event.EventLoop;
import org.iolab.engine.event.IoDriver;
import org.iolab.engine.support.SafeLog;

/**
 * The nio engine's {@link IoDriver}: a JDK {@link Selector} (epoll on Linux, whatever was asked)
 * and the loop's one read buffer. Each key's attachment is the {@code Consumer<SelectionKey>}
 * to call when it is ready: its registration is all a connection or the acceptor holds.
 *
 * <p>Thread rule: as {@link IoDriver}; the selector and the read buffer are the loop's own.
 */
final class SelectorDriver implements IoDriver {

    private static final System.Logger LOG = System.getLogger(SelectorDriver.class.getName());

    final EventLoop<SelectorDriver> loop;
    final Selector selector;
    /** The loop's one read buffer: every connection of this loop reads into it in turn. */
    final ByteBuffer readBuffer;
    private final Consumer<SelectionKey> dispatch = this::dispatch;

    SelectorDriver(EventLoop<SelectorDriver> loop, int readBufferSize) {
        this.loop = loop;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.readBuffer = ByteBuffer.allocateDirect(readBufferSize);
    }

    /** One ready key; the first of a batch begins the loop's turn (the selector calls it inside its wait). */
    @SuppressWarnings("unchecked")
    private void dispatch(SelectionKey key) {
        loop.awake();
        try {
            ((Consumer<SelectionKey>) key.attachment()).accept(key);
        } catch (Throwable t) {
            SafeLog.log(LOG, System.Logger.Level.ERROR, "nio-handler", () -> "handler failed; continuing: " + t, t);
        }
    }

    @Override
    public void waitForIo(long timeoutMillis) throws IOException {
        if (timeoutMillis == 0) {
            selector.selectNow(dispatch);
        } else {
            selector.select(dispatch, Math.max(0, timeoutMillis));
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void prepareToClose() {
        // the server's stop closed the connections; a channel left over closes with the selector's keys
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
