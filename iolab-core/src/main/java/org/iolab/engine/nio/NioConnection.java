package org.iolab.engine.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.iolab.engine.event.ReadinessConnection;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.ServerContext;

/**
 * A {@link ReadinessConnection} over a non-blocking {@link SocketChannel} registered with its
 * loop's selector. Thread rule: as {@link ReadinessConnection}.
 */
final class NioConnection extends ReadinessConnection implements Consumer<SelectionKey> {

    /** Reads per readiness event before other connections get their turn. */
    private static final int READS_PER_EVENT = 4;

    private final SelectorDriver driver;
    private final SocketChannel channel;
    private SelectionKey key;

    NioConnection(SelectorDriver driver, SocketChannel channel, ServerContext context) throws IOException {
        super(driver.loop, context, (InetSocketAddress) channel.getRemoteAddress(), (InetSocketAddress) channel.getLocalAddress());
        this.driver = driver;
        this.channel = channel;
    }

    /** Registers with the loop's selector; loop thread. */
    void register() throws ClosedChannelException {
        key = channel.register(driver.selector, 0, this);
    }

    @Override
    public void accept(SelectionKey k) {
        int ready = k.readyOps();
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            onWritable();
        }
        if ((ready & SelectionKey.OP_READ) != 0 && k.isValid()) {
            onReadable(driver.readBuffer, READS_PER_EVENT, false);
        }
    }

    @Override
    protected int receive(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    protected int send(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    protected void interest(boolean read, boolean write) {
        if (key != null && key.isValid()) {
            key.interestOps((read ? SelectionKey.OP_READ : 0) | (write ? SelectionKey.OP_WRITE : 0));
        }
    }

    @Override
    protected void shutdownOutput() {
        Closeables.quietly(channel::shutdownOutput);
    }

    @Override
    protected void release(boolean reset) {
        if (key != null) {
            key.cancel();
        }
        Closeables.close(channel, reset);
    }
}
