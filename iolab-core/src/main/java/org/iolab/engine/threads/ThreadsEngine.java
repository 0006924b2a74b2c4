package org.iolab.engine.threads;

import java.util.concurrent.atomic.AtomicLong;
import org.iolab.engine.dispatch.Dispatcher;
import org.iolab.engine.dispatch.DispatchEngine;
import org.iolab.server.ServerConfig;

/**
 * A platform thread per connection (Python's ThreadingTCPServer) and, for UDP, per datagram
 * (ThreadingUDPServer). Simple and fine for a few clients; each client costs a thread's stack
 * and a share of the scheduler.
 */
public final class ThreadsEngine extends DispatchEngine {

    public ThreadsEngine() {
        super("threads", "a platform thread per connection (per datagram for UDP); threads and memory grow per client", 20);
    }

    @Override
    protected Dispatcher dispatcher(ServerConfig config) {
        AtomicLong serial = new AtomicLong();
        return new Dispatcher() {
            @Override
            public void dispatch(Runnable work) {
                Thread.ofPlatform().name("iolab-thread-" + serial.incrementAndGet())
                        .daemon(true).start(work);
            }

            @Override
            public void close() {
                // each thread ends with its connection, which the shutdown has closed
            }
        };
    }
}
