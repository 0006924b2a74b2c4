package org.iolab.engine.polling;

import java.io.IOException;
import org.iolab.server.Application;
import org.iolab.engine.event.EventEngine;
import org.iolab.server.ServerConfig;

/**
 * Non-blocking polling, the {@code setblocking(False)} server of the source documents: one
 * thread loops over the listening socket and every connection, trying each read and write,
 * whether or not anything is there. It serves many clients on one thread and burns a core
 * even when nothing happens; after 1024 empty passes it parks for 100 microseconds, which
 * bounds the waste without hiding it.
 */
public final class PollingEngine extends EventEngine {

    @Override
    public String name() {
        return "polling";
    }

    @Override
    public String model() {
        return "one thread busy-loops over non-blocking sockets; burns a core even when idle, by design";
    }




    @Override
    public int rank() {
        return 50;
    }

    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        return PollingLoop.start(config, app);
    }
}
