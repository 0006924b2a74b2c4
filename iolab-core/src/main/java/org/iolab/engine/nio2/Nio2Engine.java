package org.iolab.engine.nio2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.iolab.engine.support.AcceptErrors;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.Listen;
import org.iolab.engine.support.LoopWatchdog;
import org.iolab.engine.support.NamedEngine;
import org.iolab.engine.support.RunningServer;
import org.iolab.engine.support.SafeLog;
import org.iolab.engine.support.ServerContext;
import org.iolab.engine.support.Threads;
import org.iolab.engine.support.TurnClock;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.server.Application;
import org.iolab.server.Engine;
import org.iolab.server.ServerConfig;

/**
 * The Proactor: {@code AsynchronousServerSocketChannel} in a group of N threads; the engine
 * starts reads and writes and is called back when they complete. On Linux the JDK emulates
 * this over epoll (there is no kernel completion here); {@code iouring} is the real thing.
 * TCP only: the JDK has no asynchronous datagram channel.
 */
public final class Nio2Engine extends NamedEngine {

    public Nio2Engine() {
        super("nio2", "proactor: JDK AsynchronousChannel completion handlers (emulated over epoll on Linux)", 100);
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

    /** Its channel group's threads, {@code --threads} of them. */
    @Override
    public boolean eventLoops() {
        return true;
    }

    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        if (config.inheritedListener()) { // the JDK makes no asynchronous channel of a descriptor
            throw new IllegalArgumentException("engine nio2 cannot serve an inherited listening socket: an "
                    + "AsynchronousServerSocketChannel binds its own (with processes, use --reuseport)");
        }
        AtomicLong serial = new AtomicLong();
        List<TurnClock> clocks = new CopyOnWriteArrayList<>(); // one per group thread, for the watchdog
        AsynchronousChannelGroup group = AsynchronousChannelGroup.withFixedThreadPool(
                config.effectiveEventLoops(), r -> {
                    TurnClock clock = new TurnClock();
                    clocks.add(clock);
                    return new TurnClock.Carrier(r, "iolab-nio2-" + serial.incrementAndGet(), clock);
                });
        AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(group);
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (config.reusePort()) {
                listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            listener.bind(Listen.address(config.host(), config.port()), Listen.backlog(config.backlog()));
        } catch (IOException | RuntimeException e) {
            listener.close();
            group.shutdownNow();
            throw e;
        }
        ServerContext context = ServerContext.of(config, app);
        Nio2Server server = new Nio2Server(context, ((Application.Tcp) app).factory(), group, listener,
                LoopWatchdog.startIfOn(name(), clocks, config.blockedLoopWarning(), context.stats()));
        server.acceptNext();
        return server;
    }

    /** A running nio2 server: the group, the listener, and an accept always outstanding. */
    private static final class Nio2Server extends RunningServer
            implements CompletionHandler<AsynchronousSocketChannel, Void> {
        private static final System.Logger LOG = System.getLogger(Nio2Server.class.getName());
        private final ProtocolFactory factory;
        private final AsynchronousChannelGroup group;
        private final AsynchronousServerSocketChannel listener;
        private final LoopWatchdog watchdog;

        Nio2Server(ServerContext context, ProtocolFactory factory, AsynchronousChannelGroup group,
                   AsynchronousServerSocketChannel listener, LoopWatchdog watchdog) throws IOException {
            super(context, (InetSocketAddress) listener.getLocalAddress());
            this.factory = factory;
            this.group = group;
            this.listener = listener;
            this.watchdog = watchdog;
        }

        void acceptNext() {
            if (listener.isOpen()) {
                listener.accept(null, this);
            }
        }

        @Override
        public void completed(AsynchronousSocketChannel ch, Void unused) {
            acceptNext();
            try {
                Nio2Connection c = context.admit(ch, () -> {
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    return new Nio2Connection(ch, context);
                });
                if (c != null) {
                    c.start(factory);
                }
            } catch (Throwable t) {
                Closeables.closeQuietly(ch);
                context.stats().onInternalError();
                SafeLog.log(LOG, System.Logger.Level.ERROR, "acceptor", () -> "accept failed; continuing: " + t, t);
            }
        }

        /**
         * Out of descriptors, accepts one pending connection on the reserve descriptor and closes
         * it (then accepts as usual, turning the next away the same way); otherwise pauses.
         */
        @Override
        public void failed(Throwable e, Void unused) {
            if (!listener.isOpen()) {
                return;
            }
            AcceptErrors.record(context.stats(), e);
            if (AcceptErrors.outOfDescriptors(e) && context.reserve().release()) {
                listener.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
                    @Override
                    public void completed(AsynchronousSocketChannel turnedAway, Void unused) {
                        Closeables.closeQuietly(turnedAway);
                        context.reserve().restore();
                        AcceptErrors.closedForWantOfDescriptors(context.stats(), 1);
                        acceptNext();
                    }

                    @Override
                    public void failed(Throwable again, Void unused) {
                        context.reserve().restore();
                        pauseThenAccept();
                    }
                });
                return;
            }
            pauseThenAccept();
        }

        private void pauseThenAccept() {
            Thread.ofVirtual().start(() -> {
                if (Threads.sleep(AcceptErrors.PAUSE_MILLIS)) {
                    acceptNext();
                }
            });
        }

        @Override
        protected void stopAccepting() {
            Closeables.closeQuietly(listener);
        }

        @Override
        protected void stopThreads() {
            if (watchdog != null) {
                watchdog.stop();
            }
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
