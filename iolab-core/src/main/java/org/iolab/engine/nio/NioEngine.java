package org.iolab.engine.nio;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.iolab.server.Application;
import org.iolab.server.Engine;
import org.iolab.server.ServerConfig;

/**
 * The portable Reactor: N event loops (default one per core), each a JDK {@code Selector};
 * loop 0 also accepts and deals connections round-robin. On Linux the Selector is epoll,
 * level-triggered, whatever the name suggests.
 */
public final class NioEngine implements Engine {

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public String model() {
        return "reactor: N JDK Selector event loops (epoll on Linux), non-blocking sockets";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Set<Application.Kind> supports() {
        return EnumSet.of(Application.Kind.TCP_PROTOCOL, Application.Kind.UDP);
    }

    @Override
    public String whyNot(Application.Kind kind) {
        return kind == Application.Kind.TCP_STREAM ? "an event loop must never block in a handler" : null;
    }

    @Override
    public int rank() {
        return 90;
    }

    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        if (app instanceof Application.Udp udp) {
            return NioServer.udp(config, udp.protocol());
        }
        return NioServer.tcp(config, ((Application.Tcp) app).factory());
    }

}
