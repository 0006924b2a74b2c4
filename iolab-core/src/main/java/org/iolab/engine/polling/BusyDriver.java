package org.iolab.engine.polling;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.iolab.engine.event.Acceptor;
import org.iolab.engine.event.ChannelDatagramTransport;
import org.iolab.engine.event.EventLoop;
import org.iolab.engine.event.IoDriver;
import org.iolab.engine.event.LoopGroup;
import org.iolab.engine.event.ReadinessConnection;
import org.iolab.engine.support.Closeables;
import org.iolab.engine.support.ServerContext;
import org.iolab.protocol.DatagramProtocol;
import org.iolab.protocol.ProtocolFactory;

/**
 * The polling engine's {@link IoDriver}, with no readiness mechanism at all: every pass tries to accept
 * (or receive datagrams), then tries to write and read every connection, whether or not
 * anything is there. After {@value #SPINS_BEFORE_PARK} empty passes it parks for 100 us, which
 * bounds the waste without hiding it; spinning ({@code --spin}), it never parks.
 *
 * <p>Thread rule: as {@link IoDriver}; the connection list is the loop's own.
 */
final class BusyDriver implements IoDriver {

    private static final int SPINS_BEFORE_PARK = 1024;
    private static final long PARK_NANOS = 100_000;

    private final EventLoop<BusyDriver> loop;
    private final ServerContext context;
    private final List<Conn> conns = new ArrayList<>();
    private final ByteBuffer buffer;
    private Acceptor<BusyDriver, SocketChannel> acceptor;
    private ChannelDatagramTransport datagrams;
    private DatagramProtocol datagramProtocol;
    private final boolean spin;
    private int idlePasses;
    private boolean progress;

    BusyDriver(EventLoop<BusyDriver> loop, ServerContext context, boolean spin) {
        this.loop = loop;
        this.context = context;
        this.spin = spin;
        this.buffer = ByteBuffer.allocateDirect(context.config().readBufferSize());
    }

    /** Before start: accept from {@code listener} on every pass. */
    void listen(LoopGroup<BusyDriver> group, ServerSocketChannel listener, ProtocolFactory factory) {
        acceptor = new Acceptor<>(group, context, Integer.MAX_VALUE) {
            private boolean watching = true;

            @Override
            protected SocketChannel acceptOne() throws IOException {
                SocketChannel ch = watching && listener.isOpen() ? listener.accept() : null;
                progress |= ch != null;
                return ch;
            }

            @Override
            protected void closeAccepted(SocketChannel ch) {
                Closeables.closeQuietly(ch);
            }

            @Override
            protected void watch(boolean on) {
                watching = on;
            }

            @Override
            protected void open(EventLoop<BusyDriver> target, SocketChannel ch) {
                target.driver().open(ch, factory);
            }
        };
    }

    /** Before start: receive datagrams on every pass. */
    void receive(DatagramChannel channel, DatagramProtocol protocol) {
        datagrams = new ChannelDatagramTransport(channel, context.stats());
        datagramProtocol = protocol;
    }

    @Override
    public void waitForIo(long timeoutMillis) {
        loop.awake(); // a pass is a turn: it parks only at its end
        progress = false;
        if (acceptor != null) {
            acceptor.acceptReady();
        } else if (datagrams.receiveBurst(buffer, datagramProtocol) > 0) {
            progress = true;
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
                c.onReadable(buffer, 1, false);
            }
        }
        if (progress || loop.hasTasks()) {
            idlePasses = 0;
        } else if (idlePasses == SPINS_BEFORE_PARK && !spin) {
            LockSupport.parkNanos(this, PARK_NANOS);
        } else {
            idlePasses = Math.min(idlePasses + 1, SPINS_BEFORE_PARK); // no overflow in a long idle
            Thread.onSpinWait();
        }
    }

    private void open(SocketChannel ch, ProtocolFactory factory) {
        Conn c = context.admit(ch, () -> {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new Conn(this, ch);
        });
        if (c == null) {
            return;
        }
        conns.add(c);
        c.open(factory);
    }

    @Override
    public void wakeup() {
        Thread t = loop.thread();
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void prepareToClose() {
        for (Conn c : conns) {
            c.abort();
        }
    }

    @Override
    public void close() {
        // the channels closed with their connections; the listener is the server's
    }

    /** A polled connection: interest is just the flags the loop reads on its next pass. */
    private static final class Conn extends ReadinessConnection {
        private final BusyDriver owner;
        private final SocketChannel channel;
        private boolean released;

        Conn(BusyDriver owner, SocketChannel channel) throws IOException {
            super(owner.loop, owner.context, (InetSocketAddress) channel.getRemoteAddress(),
                    (InetSocketAddress) channel.getLocalAddress());
            this.owner = owner;
            this.channel = channel;
        }

        @Override
        protected int receive(ByteBuffer dst) throws IOException {
            int n = channel.read(dst);
            owner.progress |= n != 0;
            return n;
        }

        @Override
        protected int send(ByteBuffer src) throws IOException {
            int n = channel.write(src);
            owner.progress |= n != 0;
            return n;
        }

        @Override
        protected void interest(boolean read, boolean write) {
            // nothing to tell: the loop tries every connection on every pass
        }

        @Override
        protected void shutdownOutput() {
            Closeables.quietly(channel::shutdownOutput);
        }

        @Override
        protected void release(boolean reset) {
            released = true;
            Closeables.close(channel, reset);
        }
    }
}
