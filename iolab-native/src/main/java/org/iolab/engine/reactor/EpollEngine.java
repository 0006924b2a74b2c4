package org.iolab.engine.reactor;

import java.util.List;
import org.iolab.multiplexer.EpollMultiplexer;
import org.iolab.multiplexer.Multiplexer;
import org.iolab.server.EngineOption;
import org.iolab.server.ServerConfig;
import org.iolab.sys.SyscallException;

/**
 * The reactor on {@code epoll(7)}: O(ready) per wait, so idle connections cost nothing.
 * Edge-triggered by default ({@code --trigger level|edge}).
 */
public final class EpollEngine extends ReactorEngine {

    public EpollEngine() {
        super("epoll", "reactor on epoll(7) via FFM, edge-triggered by default (--trigger level|edge): O(ready) per wait", 80);
    }

    static final EngineOption TRIGGER = EngineOption.choice("trigger",
            "level- or edge-triggered (edge reads until a short read)", "edge", "level", "edge");

    @Override
    public List<EngineOption> options() {
        return List.of(TRIGGER);
    }

    @Override
    protected Multiplexer newMultiplexer(ServerConfig config) throws SyscallException {
        return new EpollMultiplexer(TRIGGER.value(config).equals("edge") ? Multiplexer.Trigger.EDGE : Multiplexer.Trigger.LEVEL);
    }
}
