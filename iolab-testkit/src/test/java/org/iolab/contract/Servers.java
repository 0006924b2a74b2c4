package org.iolab.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.iolab.server.Application;
import org.iolab.server.Engine;
import org.iolab.server.Engines;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;

/** Starts test servers on 127.0.0.1, port 0, with a short graceful stop. */
final class Servers {

    private Servers() {
    }

    /**
     * {@code engine} may carry a setting: epoll's trigger ({@code epoll+level}), or the
     * processes engine's worker engine ({@code processes+epoll}: two workers).
     */
    static ServerConfig config(String engine) {
        String[] parts = engine.split("\\+");
        ServerConfig.Builder b = ServerConfig.builder().engine(parts[0]).port(0)
                .eventLoops(eventLoops(parts[0], 2)).shutdownGrace(Duration.ofSeconds(2));
        if (parts[0].equals("processes")) {
            b.eventLoops(0).option("workers", "2").option("worker-engine", parts.length > 1 ? parts[1] : "blocking");
        } else if (parts.length > 1) {
            b.option("trigger", parts[1]);
        }
        return b.build();
    }

    /** {@code n} for an engine that runs event loops, else 0 (the others refuse a count). */
    static int eventLoops(String engine, int n) {
        return Engines.find(engine.split("\\+")[0]).map(Engine::eventLoops).orElse(false) ? n : 0;
    }

    static Server start(String engine, Application app) {
        return start(config(engine), app);
    }

    static Server start(ServerConfig config, Application app) {
        try {
            return Server.start(config, app);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
