package org.iolab.engine.nio;

import java.io.IOException;
import org.iolab.server.Application;
import org.iolab.engine.event.EventEngine;
import org.iolab.server.ServerConfig;

/**
 * The portable Reactor: N event loops (default one per core), each a JDK {@code Selector};
 * loop 0 also accepts and deals connections round-robin. On Linux the Selector is epoll,
 * level-triggered, whatever the name suggests.
 */
public final class NioEngine extends EventEngine {

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public String model() {
        return "reactor: N JDK Selector event loops (epoll on Linux), non-blocking sockets";
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
