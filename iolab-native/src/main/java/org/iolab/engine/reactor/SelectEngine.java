package org.iolab.engine.reactor;

import org.iolab.multiplexer.Multiplexer;
import org.iolab.multiplexer.SelectMultiplexer;
import org.iolab.server.ServerConfig;
import org.iolab.sys.SyscallException;

/**
 * The reactor on {@code select(2)}: every wait rebuilds and scans fd_sets, O(watched); a
 * descriptor of 1024 or more cannot be watched, so that connection is closed and counted and
 * the server serves the others.
 */
public final class SelectEngine extends ReactorEngine {

    public SelectEngine() {
        super("select", "reactor on select(2) via FFM: O(watched) per wait; refuses descriptors >= 1024 (FD_SETSIZE)", 60);
    }

    @Override
    protected Multiplexer newMultiplexer(ServerConfig config) throws SyscallException {
        return new SelectMultiplexer();
    }
}
