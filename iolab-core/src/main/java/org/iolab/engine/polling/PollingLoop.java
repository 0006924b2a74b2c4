package org.iolab.engine.polling;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.iolab.engine.event.EventConnection;
import org.iolab.engine.event.EventLoop;
import org.iolab.engine.nio.ChannelDatagramTransport;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.ConnectionSet;
import org.iolab.engine.support.Listen;
import org.iolab.server.Application;
import org.iolab.server.Engine;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;

/**
 * The polling engine's one loop: every pass tries to accept, then tries to read and write every
 * connection. No readiness mechanism at all; {@link #waitForIo} is one pass.
 *
 * <p>Thread rule: as {@link EventLoop}; the connection list is the loop's own.
 */
final class PollingLoop extends EventLoop implements Engine.Running {

    private static final System.Logger LOG = System.getLogger(PollingLoop.class.getName());
    private static final int SPINS_BEFORE_PARK = 1024;
    private static final long PARK_NANOS = 100_000;
    private static final long ACCEPT_ERROR_PAUSE_MS = 1000;

    private final ServerConfig config;
    private final Application app;
    private final NetworkChannel channel;
    private final InetSocketAddress local;
    private final ServerStats stats = new ServerStats();
    private final ConnectionSet connections;
    private final List<Conn> conns = new ArrayList<>();
    private final ByteBuffer buffer;
    private final ChannelDatagramTransport datagrams;
    private Thread thread;
    private int idlePasses;
    private boolean progress;
    private long acceptPausedUntil;

    private PollingLoop(ServerConfig config, Application app, NetworkChannel channel) throws IOException {
        this.config = config;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.app = app;
        this.channel = channel;
        this.connections = new ConnectionSet(stats, config.maxConnections());
        this.buffer = ByteBuffer.allocateDirect(config.readBufferSize());
        this.datagrams = channel instanceof DatagramChannel dc ? new ChannelDatagramTransport(dc, stats) : null;
    }

    static PollingLoop start(ServerConfig config, Application app) throws IOException {
        InetSocketAddress address = Listen.address(config.host(), config.port());
        NetworkChannel ch;
        if (app instanceof Application.Udp) {
            DatagramChannel dc = DatagramChannel.open();
            ch = dc;
            try {
                dc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                dc.bind(address);
                dc.configureBlocking(false);
            } catch (IOException | RuntimeException e) {
                dc.close();
                throw e;
            }
        } else {
            ServerSocketChannel ss = ServerSocketChannel.open();
            ch = ss;
            try {
                ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ss.bind(address, Listen.backlog(config.backlog()));
                ss.configureBlocking(false);
            } catch (IOException | RuntimeException e) {
                ss.close();
                throw e;
            }
        }
        PollingLoop loop = new PollingLoop(config, app, ch);
        loop.thread = Thread.ofPlatform().name("iolab-polling-loop").daemon(true).start(loop);
        return loop;
    }

    @Override
    protected void waitForIo(long timeoutMillis) {
        progress = false;
        if (channel instanceof ServerSocketChannel ss) {
            acceptAll(ss);
        } else {
            if (datagrams.receiveBurst(buffer, ((Application.Udp) app).protocol()) > 0) {
                progress = true;
            }
        }
        for (int i = 0; i < conns.size(); i++) {
            Conn c = conns.get(i);
            if (c.released) {
                conns.set(i, conns.get(conns.size() - 1));
                conns.remove(conns.size() - 1);
                i--;
                continue;
            }
            if (c.wantsWrite()) {
                c.onWritable();
            }
            if (c.wantsRead()) {
                c.onReadable(buffer, 1);
            }
        }
        if (progress || hasTasks()) {
            idlePasses = 0;
        } else if (++idlePasses > SPINS_BEFORE_PARK) {
            LockSupport.parkNanos(this, PARK_NANOS);
        } else {
            Thread.onSpinWait();
        }
    }

    private void acceptAll(ServerSocketChannel ss) {
        if (acceptPausedUntil != 0 && System.nanoTime() - acceptPausedUntil < 0) {
            return;
        }
        acceptPausedUntil = 0;
        while (true) {
            SocketChannel ch;
            try {
                ch = ss.accept();
            } catch (IOException e) {
                if (ss.isOpen()) {
                    stats.onAcceptError();
                    LOG.log(System.Logger.Level.WARNING, "accept failed, pausing 1 s: " + e);
                    acceptPausedUntil = System.nanoTime() + ACCEPT_ERROR_PAUSE_MS * 1_000_000;
                }
                return;
            }
            if (ch == null) {
                return;
            }
            progress = true;
            open(ch);
        }
    }

    private void open(SocketChannel ch) {
        Conn c;
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c = new Conn(this, ch);
        } catch (IOException e) {
            Closeables.closeQuietly(ch);
            return;
        }
        if (!connections.admit(c)) {
            Closeables.closeQuietly(ch);
            return;
        }
        conns.add(c);
        c.open(((Application.Tcp) app).factory());
    }

    @Override
    protected void wakeup() {
        Thread t = loopThread();
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    protected void closeLoop() {
        for (Conn c : conns) {
            c.abort();
        }
        runTasks();
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
        Closeables.closeQuietly(channel);
        connections.closeAll(grace);
        stop();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    /** A polled connection: interest is just the flags the loop reads on its next pass. */
    private static final class Conn extends EventConnection {
        private final PollingLoop owner;
        private final SocketChannel channel;
        private boolean released;

        Conn(PollingLoop owner, SocketChannel channel) throws IOException {
            super(owner, owner.config.highWater(), owner.config.lowWater(), owner.connections, owner.stats,
                    (InetSocketAddress) channel.getRemoteAddress(), (InetSocketAddress) channel.getLocalAddress());
            this.owner = owner;
            this.channel = channel;
        }

        @Override
        protected int receive(ByteBuffer dst) throws IOException {
            int n = channel.read(dst);
            if (n != 0) {
                owner.progress = true;
            }
            return n;
        }

        @Override
        protected int send(ByteBuffer src) throws IOException {
            int n = channel.write(src);
            if (n != 0) {
                owner.progress = true;
            }
            return n;
        }

        @Override
        protected void interest(boolean read, boolean write) {
            // nothing to tell: the loop tries every connection on every pass
        }

        @Override
        protected void release(boolean reset) {
            released = true;
            try {
                if (reset && channel.isOpen()) {
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            Closeables.closeQuietly(channel);
        }
    }
}
