package org.iolab.engine.nio2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.ConnectionSet;
import org.iolab.engine.support.Listen;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.server.Application;
import org.iolab.server.Engine;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;

/**
 * The Proactor: {@code AsynchronousServerSocketChannel} in a group of N threads; the engine
 * starts reads and writes and is called back when they complete. On Linux the JDK emulates
 * this over epoll (there is no kernel completion here); {@code iouring} is the real thing.
 * TCP only: the JDK has no asynchronous datagram channel.
 */
public final class Nio2Engine implements Engine {

    @Override
    public String name() {
        return "nio2";
    }

    @Override
    public String model() {
        return "proactor: JDK AsynchronousChannel completion handlers (emulated over epoll on Linux)";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Set<Application.Kind> supports() {
        return EnumSet.of(Application.Kind.TCP_PROTOCOL);
    }

    @Override
    public String whyNot(Application.Kind kind) {
        return switch (kind) {
            case UDP -> "the JDK has no asynchronous datagram channel";
            case TCP_STREAM -> "completion handlers must never block";
            case TCP_PROTOCOL -> null;
        };
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        ProtocolFactory factory = ((Application.Tcp) app).factory();
        AtomicLong serial = new AtomicLong();
        AsynchronousChannelGroup group = AsynchronousChannelGroup.withFixedThreadPool(
                config.effectiveEventLoops(),
                r -> Thread.ofPlatform().name("iolab-nio2-" + serial.incrementAndGet()).daemon(true).unstarted(r));
        AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(group);
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(Listen.address(config.host(), config.port()), Listen.backlog(config.backlog()));
        } catch (IOException | RuntimeException e) {
            listener.close();
            group.shutdownNow();
            throw e;
        }
        Nio2Server server = new Nio2Server(config, factory, group, listener);
        server.acceptNext();
        return server;
    }

    /** A running nio2 server: the group, the listener, and an accept always outstanding. */
    private static final class Nio2Server implements Running, CompletionHandler<AsynchronousSocketChannel, Void> {
        private static final System.Logger LOG = System.getLogger(Nio2Server.class.getName());

        private final ServerConfig config;
        private final ProtocolFactory factory;
        private final AsynchronousChannelGroup group;
        private final AsynchronousServerSocketChannel listener;
        private final ServerStats stats = new ServerStats();
        private final ConnectionSet connections;
        private final InetSocketAddress address;

        Nio2Server(ServerConfig config, ProtocolFactory factory, AsynchronousChannelGroup group,
                   AsynchronousServerSocketChannel listener) throws IOException {
            this.config = config;
            this.factory = factory;
            this.group = group;
            this.listener = listener;
            this.connections = new ConnectionSet(stats, config.maxConnections());
            this.address = (InetSocketAddress) listener.getLocalAddress();
        }

        void acceptNext() {
            if (listener.isOpen()) {
                listener.accept(null, this);
            }
        }

        @Override
        public void completed(AsynchronousSocketChannel ch, Void unused) {
            acceptNext();
            Nio2Connection c;
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c = new Nio2Connection(ch, config, connections, stats);
            } catch (IOException e) {
                Closeables.closeQuietly(ch);
                return;
            }
            if (!connections.admit(c)) {
                Closeables.closeQuietly(ch);
                return;
            }
            c.open(factory);
        }

        @Override
        public void failed(Throwable e, Void unused) {
            if (!listener.isOpen()) {
                return;
            }
            stats.onAcceptError();
            LOG.log(System.Logger.Level.WARNING, "accept failed, pausing 1 s: " + e);
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ignored) {
                    return;
                }
                acceptNext();
            });
        }

        @Override
        public InetSocketAddress localAddress() {
            return address;
        }

        @Override
        public ServerStats stats() {
            return stats;
        }

        @Override
        public void shutdown(Duration grace) {
            Closeables.closeQuietly(listener);
            connections.closeAll(grace);
            try {
                group.shutdownNow();
                group.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException ignored) {
                // shutting down anyway
            }
        }
    }

}
