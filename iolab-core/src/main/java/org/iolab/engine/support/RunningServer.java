package org.iolab.engine.support;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.iolab.server.Engine;
import org.iolab.server.ServerStats;

/**
 * A started server of any engine, and the one way every engine stops: stop accepting, ask
 * every connection to flush and close, wait up to the grace, abort the rest, then stop the
 * engine's threads. Engines say how to stop accepting and how to stop their threads.
 *
 * <p>Thread rule: {@link #shutdown} from one thread at a time ({@code Server} guarantees it);
 * the accessors from any thread.
 */
public abstract class RunningServer implements Engine.Running {

    protected final ServerContext context;
    private final InetSocketAddress local;

    protected RunningServer(ServerContext context, InetSocketAddress local) {
        this.context = context;
        this.local = local;
    }

    /** Closes the listening (or datagram) socket, so nothing new arrives. Must not block long. */
    protected abstract void stopAccepting();

    /** Stops the engine's threads once every connection is closed; waits for them, bounded. */
    protected abstract void stopThreads();

    @Override
    public final void shutdown(Duration grace) {
        stopAccepting();
        context.connections().closeAll(grace);
        stopThreads();
        context.close();
    }

    @Override
    public final InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public final ServerStats stats() {
        return context.stats();
    }
}
