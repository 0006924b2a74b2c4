package org.iolab.engine.reactor;

import org.iolab.poller.EpollPoller;
import org.iolab.poller.Poller;
import org.iolab.server.ServerConfig;
import org.iolab.sys.SyscallException;

/**
 * The reactor on {@code epoll(7)}: O(ready) per wait, so idle connections cost nothing.
 * Edge-triggered by default ({@code --trigger level|edge}).
 */
public final class EpollEngine extends ReactorEngine {

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public String model() {
        return "reactor on epoll(7) via FFM, edge-triggered by default (--trigger level|edge): O(ready) per wait";
    }

    @Override
    public int rank() {
        return 80;
    }

    @Override
    protected Poller.Trigger trigger(ServerConfig config) {
        return switch (config.option("trigger", "edge")) {
            case "edge" -> Poller.Trigger.EDGE;
            case "level" -> Poller.Trigger.LEVEL;
            default -> throw new IllegalArgumentException(
                    "--trigger must be level or edge, got '" + config.option("trigger", "") + "'");
        };
    }

    @Override
    protected Poller newPoller(Poller.Trigger trigger) throws SyscallException {
        return new EpollPoller(trigger);
    }
}
