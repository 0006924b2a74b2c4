package org.iolab.engine.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.ConnectionSet;
import org.iolab.engine.support.Listen;
import org.iolab.protocol.DatagramProtocol;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.server.Engine;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;

/**
 * A running {@code nio} server: the loops, their threads, and the listening channel (TCP, on
 * loop 0) or the datagram channel (UDP, on loop 0).
 *
 * <p>Thread rule: built and shut down by the caller's thread; everything else on the loops.
 */
final class NioServer implements Engine.Running {

    private static final System.Logger LOG = System.getLogger(NioServer.class.getName());
    private static final long ACCEPT_ERROR_PAUSE_MS = 1000;
    private static final int ACCEPTS_PER_EVENT = 64;

    private final ServerConfig config;
    private final ServerStats stats = new ServerStats();
    private final ConnectionSet connections;
    private final List<NioLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private NetworkChannel channel;
    private InetSocketAddress local;
    private int next;

    private NioServer(ServerConfig config, int loopCount) throws IOException {
        this.config = config;
        this.connections = new ConnectionSet(stats, config.maxConnections());
        for (int i = 0; i < loopCount; i++) {
            loops.add(new NioLoop(config.readBufferSize()));
        }
    }

    static NioServer tcp(ServerConfig config, ProtocolFactory factory) throws IOException {
        NioServer s = new NioServer(config, config.effectiveEventLoops());
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(Listen.address(config.host(), config.port()), Listen.backlog(config.backlog()));
            listener.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            listener.close();
            s.loops.forEach(NioLoop::closeLoop);
            throw e;
        }
        s.channel = listener;
        s.local = (InetSocketAddress) listener.getLocalAddress();
        NioLoop first = s.loops.get(0);
        listener.register(first.selector, SelectionKey.OP_ACCEPT,
                (java.util.function.Consumer<SelectionKey>) key -> s.acceptReady(key, listener, factory));
        s.startThreads();
        return s;
    }

    static NioServer udp(ServerConfig config, DatagramProtocol protocol) throws IOException {
        NioServer s = new NioServer(config, 1);
        DatagramChannel dc = DatagramChannel.open();
        try {
            dc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            dc.bind(Listen.address(config.host(), config.port()));
            dc.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            dc.close();
            s.loops.forEach(NioLoop::closeLoop);
            throw e;
        }
        s.channel = dc;
        s.local = (InetSocketAddress) dc.getLocalAddress();
        NioLoop loop = s.loops.get(0);
        ChannelDatagramTransport transport = new ChannelDatagramTransport(dc, s.stats);
        dc.register(loop.selector, SelectionKey.OP_READ,
                (java.util.function.Consumer<SelectionKey>) key -> transport.receiveBurst(loop.readBuffer, protocol));
        s.startThreads();
        return s;
    }

    private void startThreads() {
        for (int i = 0; i < loops.size(); i++) {
            threads.add(Thread.ofPlatform().name("iolab-nio-loop-" + i).daemon(true).start(loops.get(i)));
        }
    }

    private void acceptReady(SelectionKey key, ServerSocketChannel listener, ProtocolFactory factory) {
        for (int i = 0; i < ACCEPTS_PER_EVENT; i++) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                if (!listener.isOpen()) {
                    return;
                }
                stats.onAcceptError();
                LOG.log(System.Logger.Level.WARNING, "accept failed, pausing 1 s: " + e);
                key.interestOps(0);
                loops.get(0).schedule(ACCEPT_ERROR_PAUSE_MS, () -> {
                    if (key.isValid()) {
                        key.interestOps(SelectionKey.OP_ACCEPT);
                    }
                });
                return;
            }
            if (ch == null) {
                return;
            }
            NioLoop target = loops.get(next);
            next = (next + 1) % loops.size();
            if (target.inLoop()) {
                openOn(target, ch, factory);
            } else {
                target.execute(() -> openOn(target, ch, factory));
            }
        }
    }

    private void openOn(NioLoop loop, SocketChannel ch, ProtocolFactory factory) {
        NioConnection c;
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c = new NioConnection(loop, ch, config, connections, stats);
        } catch (IOException e) {
            Closeables.closeQuietly(ch);
            return;
        }
        if (!connections.admit(c)) {
            Closeables.closeQuietly(ch);
            return;
        }
        try {
            c.register();
        } catch (IOException e) {
            c.abort();
            return;
        }
        c.open(factory);
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
        loops.get(0).execute(() -> { }); // the loop's next select releases the socket
        connections.closeAll(grace);
        loops.forEach(NioLoop::stop);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
