package org.iolab.engine.nio;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.iolab.engine.event.Acceptor;
import org.iolab.engine.event.EventLoop;
import org.iolab.engine.event.LoopGroup;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.ServerContext;
import org.iolab.protocol.ProtocolFactory;

/**
 * Loop 0's listening channel: accepts, and each chosen loop registers the new channel with its
 * own selector. Thread rule: as {@link Acceptor}.
 */
final class NioAcceptor extends Acceptor<SelectorDriver, SocketChannel> implements Consumer<SelectionKey> {

    private static final int ACCEPTS_PER_EVENT = 64;

    private final ServerContext context;
    private final ServerSocketChannel listener;
    private final ProtocolFactory factory;
    private SelectionKey key;

    NioAcceptor(LoopGroup<SelectorDriver> group, ServerContext context, ServerSocketChannel listener, ProtocolFactory factory) {
        super(group, context, ACCEPTS_PER_EVENT);
        this.context = context;
        this.listener = listener;
        this.factory = factory;
    }

    /** Before the loops start. */
    void register(Selector selector) throws ClosedChannelException {
        key = listener.register(selector, SelectionKey.OP_ACCEPT, this);
    }

    @Override
    public void accept(SelectionKey k) {
        acceptReady();
    }

    @Override
    protected SocketChannel acceptOne() throws IOException {
        return listener.isOpen() ? listener.accept() : null;
    }

    @Override
    protected void closeAccepted(SocketChannel ch) {
        Closeables.closeQuietly(ch);
    }

    @Override
    protected void watch(boolean on) {
        if (key.isValid()) {
            key.interestOps(on ? SelectionKey.OP_ACCEPT : 0);
        }
    }

    @Override
    protected void open(EventLoop<SelectorDriver> loop, SocketChannel ch) {
        NioConnection c = context.admit(ch, () -> {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new NioConnection(loop.driver(), ch, context);
        });
        if (c == null) {
            return;
        }
        try {
            c.register();
        } catch (IOException e) {
            c.abort();
            return;
        }
        c.open(factory);
    }
}
