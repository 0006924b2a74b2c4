package org.iolab.engine.reactor;

import java.io.IOException;
import org.iolab.engine.event.EventEngine;
import org.iolab.engine.fd.BoundSocket;
import org.iolab.engine.event.LoopGroup;
import org.iolab.engine.event.LoopServer;
import org.iolab.engine.support.ServerContext;
import org.iolab.multiplexer.Multiplexer;
import org.iolab.server.Application;
import org.iolab.server.ServerConfig;
import org.iolab.sys.Libc;

/**
 * The native reactor: N event loops (default one per core) over raw descriptors, each waiting
 * on a {@link Multiplexer}. {@code select}, {@code poll} and {@code epoll} are this one engine
 * on three multiplexers; subclasses say which, and nothing else.
 */
public abstract class ReactorEngine extends EventEngine {

    protected ReactorEngine(String name, String model, int rank) {
        super(name, model, rank);
    }


    /** A fresh multiplexer for one loop. */
    protected abstract Multiplexer newMultiplexer(ServerConfig config) throws IOException;

    @Override
    public Availability availability() {
        String why = Libc.unavailableReason();
        return why == null ? Availability.yes() : Availability.no(why);
    }

    /** IPv4 only: its sockets are bound and read with {@code sockaddr_in}. */
    @Override
    public boolean ipv6() {
        return false;
    }

    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        ServerContext context = ServerContext.of(config, app);
        boolean udp = app instanceof Application.Udp;
        int count = udp ? 1 : config.effectiveEventLoops();
        LoopGroup<ReactorDriver> group = null;
        BoundSocket socket = null;
        try {
            group = LoopGroup.of(count, context.stats(), l -> new ReactorDriver(l, context, multiplexer(config)));
            socket = BoundSocket.open(config, udp);
            ReactorDriver first = group.first().driver();
            if (app instanceof Application.Udp u) {
                first.receiveDatagrams(socket.fd(), u.protocol());
            } else {
                first.listen(new FdAcceptor(group, context, first, socket.fd(), ((Application.Tcp) app).factory()));
            }
            return LoopServer.start(name(), context, socket.local(), group, first::closeListener);
        } catch (IOException | RuntimeException e) {
            if (socket != null) {
                socket.close();
            }
            if (group != null) {
                group.loops().forEach(l -> l.driver().release());
            }
            if (e instanceof java.io.UncheckedIOException u) {
                throw u.getCause(); // a multiplexer that could not be made
            }
            throw e;
        }
    }

    private Multiplexer multiplexer(ServerConfig config) {
        try {
            return newMultiplexer(config);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
