package org.iolab.engine.reactor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.iolab.engine.event.EventEngine;
import org.iolab.engine.support.ConnectionSet;
import org.iolab.engine.support.Listen;
import org.iolab.poller.Poller;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.server.Application;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;
import org.iolab.sys.Errno;
import org.iolab.sys.Libc;
import org.iolab.sys.Sockets;

/**
 * The native reactor: N event loops (default one per core) over raw descriptors, each waiting
 * on a {@link Poller}. {@code select}, {@code poll} and {@code epoll} are this one engine on
 * three pollers; subclasses say which, and nothing else.
 */
public abstract class ReactorEngine extends EventEngine {

    /** A fresh poller for one loop. */
    protected abstract Poller newPoller(Poller.Trigger trigger) throws IOException;

    /** The trigger asked for in {@code config} (option {@code trigger}), checked. */
    protected Poller.Trigger trigger(ServerConfig config) {
        String t = config.option("trigger", "level");
        if (!t.equals("level")) {
            throw new IllegalArgumentException(name() + " is level-triggered only; --trigger " + t + " needs epoll");
        }
        return Poller.Trigger.LEVEL;
    }

    @Override
    public Availability availability() {
        String why = Libc.unavailableReason();
        return why == null ? Availability.yes() : Availability.no(why);
    }



    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        Poller.Trigger trigger = trigger(config);
        InetSocketAddress address = Listen.address(config.host(), config.port());
        ServerStats stats = new ServerStats();
        ConnectionSet connections = new ConnectionSet(stats, config.maxConnections());
        boolean udp = app instanceof Application.Udp;
        int count = udp ? 1 : config.effectiveEventLoops();
        ProtocolFactory factory = app instanceof Application.Tcp tcp ? tcp.factory() : null;
        List<ReactorLoop> loops = new ArrayList<>();
        int fd = -1;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(arena);
            MemorySegment scratch = arena.allocate(Sockets.SCRATCH_BYTES, 8);
            for (int i = 0; i < count; i++) {
                loops.add(new ReactorLoop(config, connections, stats, newPoller(trigger), factory));
            }
            fd = bound(st, scratch, arena, address, udp, config);
            InetSocketAddress local = Sockets.localAddress(st, scratch, fd);
            if (udp) {
                loops.get(0).receiveDatagrams(fd, ((Application.Udp) app).protocol());
            } else {
                loops.get(0).listen(fd, List.copyOf(loops));
            }
            return new ReactorServer(name(), loops, connections, stats, local);
        } catch (IOException | RuntimeException e) {
            try (Arena arena = Arena.ofConfined()) {
                if (fd >= 0) {
                    Sockets.close(Libc.newCallState(arena), fd);
                }
            }
            for (ReactorLoop l : loops) {
                l.poller.close();
                l.arena.close();
            }
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

    /** A running native reactor server. Thread rule: shut down from any one thread. */
    private static final class ReactorServer implements Running {
        private final List<ReactorLoop> loops;
        private final List<Thread> threads = new ArrayList<>();
        private final ConnectionSet connections;
        private final ServerStats stats;
        private final InetSocketAddress local;

        ReactorServer(String name, List<ReactorLoop> loops, ConnectionSet connections, ServerStats stats,
                      InetSocketAddress local) {
            this.loops = loops;
            this.connections = connections;
            this.stats = stats;
            this.local = local;
            for (int i = 0; i < loops.size(); i++) {
                threads.add(Thread.ofPlatform().name("iolab-" + name + "-loop-" + i).daemon(true).start(loops.get(i)));
            }
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        @Override
        public ServerStats stats() {
            return stats;
        }

        @Override
        public void shutdown(Duration grace) {
            ReactorLoop first = loops.get(0);
            first.execute(first::closeListener);
            connections.closeAll(grace);
            loops.forEach(ReactorLoop::stop);
            for (Thread t : threads) {
                try {
                    t.join(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

}
