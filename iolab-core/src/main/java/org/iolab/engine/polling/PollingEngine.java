package org.iolab.engine.polling;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import org.iolab.engine.event.EventEngine;
import org.iolab.engine.event.LoopGroup;
import org.iolab.engine.event.LoopServer;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.Listen;
import org.iolab.engine.support.ServerContext;
import org.iolab.server.Application;
import org.iolab.server.EngineOption;
import org.iolab.server.ServerConfig;

/**
 * Non-blocking polling, the {@code setblocking(False)} server of the source documents: one
 * thread loops over the listening socket and every connection, trying each read and write,
 * whether or not anything is there. It serves many clients on one thread and burns a core
 * even when nothing happens; after 1024 empty passes it parks for 100 microseconds, which
 * bounds the waste without hiding it. With {@code --spin} it never parks: the source documents'
 * literal loop, a whole core burnt while nothing happens.
 */
public final class PollingEngine extends EventEngine {

    public PollingEngine() {
        super("polling", "one thread busy-loops over non-blocking sockets; burns a core even when idle, by design", 50);
    }

    /** The source documents' loop as written: no back-off at all. */
    static final EngineOption SPIN = EngineOption.flag("spin",
            "never park: the source documents' literal loop, which burns a whole core while idle (default: park "
                    + "100 us after 1024 empty passes)");

    /** One busy thread, whatever {@code --threads} says. */
    @Override
    public boolean eventLoops() {
        return false;
    }

    @Override
    public List<EngineOption> options() {
        return List.of(SPIN);
    }

    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        ServerContext context = ServerContext.of(config, app);
        boolean spin = SPIN.isOn(config);
        LoopGroup<BusyDriver> group = LoopGroup.of(1, context.stats(), l -> new BusyDriver(l, context, spin));
        BusyDriver loop = group.first().driver();
        NetworkChannel channel;
        if (app instanceof Application.Udp udp) {
            DatagramChannel dc = Listen.datagramChannel(config);
            loop.receive(dc, udp.protocol());
            channel = dc;
        } else {
            ServerSocketChannel listener = Listen.serverChannel(config);
            loop.listen(group, listener, ((Application.Tcp) app).factory());
            channel = listener;
        }
        return LoopServer.start(name(), context, (InetSocketAddress) channel.getLocalAddress(), group,
                () -> Closeables.closeQuietly(channel));
    }
}
