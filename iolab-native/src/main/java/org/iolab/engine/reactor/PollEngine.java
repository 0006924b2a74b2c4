package org.iolab.engine.reactor;

import org.iolab.multiplexer.PollMultiplexer;
import org.iolab.multiplexer.Multiplexer;
import org.iolab.server.ServerConfig;
import org.iolab.sys.SyscallException;

/** The reactor on {@code poll(2)}: no 1024 limit, still O(watched) per wait. */
public final class PollEngine extends ReactorEngine {

    public PollEngine() {
        super("poll", "reactor on poll(2) via FFM: no descriptor limit, still O(watched) per wait", 70);
    }

    @Override
    protected Multiplexer newMultiplexer(ServerConfig config) throws SyscallException {
        return new PollMultiplexer();
    }
}
