package org.iolab.engine.event;

import java.net.InetSocketAddress;
import org.iolab.engine.support.RunningServer;
import org.iolab.engine.support.ServerContext;

/**
 * A running event-loop server: a {@link LoopGroup} whose loop 0 owns the listening (or datagram)
 * socket. Stopping closes that socket on loop 0, lets the connections flush, then ends the loops.
 *
 * <p>Thread rule: as {@link RunningServer}.
 */
public final class LoopServer extends RunningServer {

    private final LoopGroup<?> group;
    private final Runnable closeListener;

    private LoopServer(ServerContext context, InetSocketAddress local, LoopGroup<?> group, Runnable closeListener) {
        super(context, local);
        this.group = group;
        this.closeListener = closeListener;
    }

    /**
     * Starts the group's threads and returns the running server.
     *
     * @param closeListener closes the listening or datagram socket; runs on loop 0
     */
    public static LoopServer start(String engine, ServerContext context, InetSocketAddress local,
                                   LoopGroup<?> group, Runnable closeListener) {
        group.start(engine, context.config().blockedLoopWarning(), context.stats());
        return new LoopServer(context, local, group, closeListener);
    }

    @Override
    protected void stopAccepting() {
        group.first().execute(closeListener);
    }

    @Override
    protected void stopThreads() {
        group.stop();
    }
}
