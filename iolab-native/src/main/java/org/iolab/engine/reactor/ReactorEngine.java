package org.iolab.engine.reactor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.iolab.engine.event.EventEngine;
import org.iolab.engine.event.LoopGroup;
import org.iolab.engine.event.LoopServer;
import org.iolab.engine.support.Listen;
import org.iolab.engine.support.ServerContext;
import org.iolab.multiplexer.Multiplexer;
import org.iolab.server.Application;
import org.iolab.server.ServerConfig;
import org.iolab.sys.Errno;
import org.iolab.sys.Libc;
import org.iolab.sys.Sockets;

/**
 * The native reactor: N event loops (default one per core) over raw descriptors, each waiting
 * on a {@link Multiplexer}. {@code select}, {@code poll} and {@code epoll} are this one engine
 * on three multiplexers; subclasses say which, and nothing else.
 */
public abstract class ReactorEngine extends EventEngine {

    /** A fresh multiplexer for one loop. */
    protected abstract Multiplexer newMultiplexer(ServerConfig config) throws IOException;

    @Override
    public Availability availability() {
        String why = Libc.unavailableReason();
        return why == null ? Availability.yes() : Availability.no(why);
    }

    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        ServerContext context = ServerContext.of(config);
        boolean udp = app instanceof Application.Udp;
        int count = udp ? 1 : config.effectiveEventLoops();
        List<ReactorLoop> loops = new ArrayList<>();
        int fd = -1;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(arena);
            MemorySegment scratch = arena.allocate(Sockets.SCRATCH_BYTES, 8);
            for (int i = 0; i < count; i++) {
                loops.add(new ReactorLoop(context, newMultiplexer(config)));
            }
            LoopGroup<ReactorLoop> group = new LoopGroup<>(loops);
            fd = bound(st, scratch, arena, Listen.address(config.host(), config.port()), udp, config);
            InetSocketAddress local = Sockets.localAddress(st, scratch, fd);
            ReactorLoop first = group.first();
            if (app instanceof Application.Udp u) {
                first.receiveDatagrams(fd, u.protocol());
            } else {
                first.listen(new FdAcceptor(group, context, first, fd, ((Application.Tcp) app).factory()));
            }
            return LoopServer.start(name(), context, local, group, first::closeListener);
        } catch (IOException | RuntimeException e) {
            try (Arena arena = Arena.ofConfined()) {
                if (fd >= 0) {
                    Sockets.close(Libc.newCallState(arena), fd);
                }
            }
            loops.forEach(ReactorLoop::release);
            throw e;
        }
    }

    /** A non-blocking socket bound to {@code address} (and listening, for TCP). */
    private static int bound(MemorySegment st, MemorySegment scratch, Arena arena, InetSocketAddress address,
                             boolean udp, ServerConfig config) throws IOException {
        int type = (udp ? Sockets.SOCK_DGRAM : Sockets.SOCK_STREAM) | Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC;
        int fd = (int) Libc.check("socket", Sockets.socket(st, Sockets.AF_INET, type, 0));
        try {
            Libc.check("setsockopt(SO_REUSEADDR)",
                    Sockets.setIntOption(st, scratch, fd, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1));
            MemorySegment sa = Sockets.sockaddr(arena.allocate(Sockets.SOCKADDR_IN), address);
            int r = Sockets.bind(st, fd, sa);
            if (r == -Errno.EADDRINUSE) {
                throw new BindException("Address already in use (bind " + address + ")");
            }
            Libc.check("bind", r);
            if (!udp) {
                Libc.check("listen", Sockets.listen(st, fd, Listen.backlog(config.backlog())));
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            Sockets.close(st, fd);
            throw e;
        }
    }
}
