package org.iolab.engine.virtual;

import org.iolab.engine.dispatch.Dispatcher;
import org.iolab.engine.dispatch.DispatchEngine;
import org.iolab.server.ServerConfig;

/**
 * A virtual thread per connection: the blocking code of {@code threads}, but a blocked read
 * parks the virtual thread and the JDK waits for readiness on its own epoll poller, so idle
 * connections cost a small heap object instead of a platform thread.
 */
public final class VirtualEngine extends DispatchEngine {

    public VirtualEngine() {
        super("virtual", "a virtual thread per connection; blocking code, parked on the JDK's epoll poller", 120);
    }

    @Override
    protected Dispatcher dispatcher(ServerConfig config) {
        return new Dispatcher() {
            @Override
            public void dispatch(Runnable work) {
                Thread.ofVirtual().name("iolab-virtual").start(work);
            }

            @Override
            public void close() {
                // each virtual thread ends with its connection, which the shutdown has closed
            }
        };
    }
}
