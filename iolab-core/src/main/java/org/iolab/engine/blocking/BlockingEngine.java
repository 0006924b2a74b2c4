package org.iolab.engine.blocking;

import org.iolab.engine.dispatch.Dispatcher;
import org.iolab.engine.dispatch.DispatchEngine;
import org.iolab.server.ServerConfig;

/**
 * The iterative server: one thread accepts a connection and serves it until it ends, then
 * accepts the next. Blocking IO blocks in both phases (waiting for data, copying it), so a
 * second client waits, connected but unserved, until the first leaves.
 */
public final class BlockingEngine extends DispatchEngine {

    public BlockingEngine() {
        super("blocking", "iterative: one thread serves one client at a time; the next waits in the backlog", 10);
    }

    @Override
    public boolean concurrent() {
        return false;
    }

    @Override
    protected Dispatcher dispatcher(ServerConfig config) {
        return new Dispatcher() {
            @Override
            public void dispatch(Runnable work) {
                work.run();
            }

            @Override
            public void close() {
            }
        };
    }
}
