package org.iolab.engine.nio;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.util.function.Consumer;
import org.iolab.engine.event.ChannelDatagramTransport;
import org.iolab.engine.event.EventEngine;
import org.iolab.engine.event.LoopGroup;
import org.iolab.engine.event.LoopServer;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.Listen;
import org.iolab.engine.support.ServerContext;
import org.iolab.server.Application;
import org.iolab.server.ServerConfig;

/**
 * The portable Reactor: N event loops (default one per core), each a JDK {@code Selector};
 * loop 0 also accepts and deals connections round-robin. On Linux the Selector is epoll,
 * level-triggered, whatever the name suggests.
 */
public final class NioEngine extends EventEngine {

    public NioEngine() {
        super("nio", "reactor: N JDK Selector event loops (epoll on Linux), non-blocking sockets", 90);
    }

    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        ServerContext context = ServerContext.of(config, app);
        int count = app instanceof Application.Udp ? 1 : config.effectiveEventLoops();
        LoopGroup<SelectorDriver> group = null;
        NetworkChannel channel = null;
        try {
            group = LoopGroup.of(count, context.stats(), l -> new SelectorDriver(l, config.readBufferSize()));
            SelectorDriver first = group.first().driver();
            if (app instanceof Application.Udp udp) {
                DatagramChannel dc = Listen.datagramChannel(config);
                channel = dc;
                ChannelDatagramTransport transport = new ChannelDatagramTransport(dc, context.stats());
                Consumer<SelectionKey> receive = key -> transport.receiveBurst(first.readBuffer, udp.protocol());
                dc.register(first.selector, SelectionKey.OP_READ, receive);
            } else {
                ServerSocketChannel listener = Listen.serverChannel(config);
                channel = listener;
                NioAcceptor acceptor = new NioAcceptor(group, context, listener, ((Application.Tcp) app).factory());
                acceptor.register(first.selector);
            }
            NetworkChannel bound = channel;
            return LoopServer.start(name(), context, (java.net.InetSocketAddress) bound.getLocalAddress(), group,
                    () -> Closeables.closeQuietly(bound));
        } catch (IOException | RuntimeException e) {
            Closeables.closeQuietly(channel);
            if (group != null) {
                group.loops().forEach(l -> l.driver().close());
            }
            if (e instanceof java.io.UncheckedIOException u) {
                throw u.getCause(); // a selector that could not be opened
            }
            throw e;
        }
    }
}
