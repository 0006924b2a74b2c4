package org.iolab.engine.reactor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.iolab.engine.event.EventLoop;
import org.iolab.engine.support.ConnectionSet;
import org.iolab.poller.DescriptorLimitException;
import org.iolab.poller.PollEvents;
import org.iolab.poller.Poller;
import org.iolab.protocol.DatagramProtocol;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;
import org.iolab.sys.Errno;
import org.iolab.sys.Libc;
import org.iolab.sys.Sockets;

/**
 * One event loop of the native reactor: a {@link Poller}, the loop's native memory (an
 * {@link Arena} holding the read buffer the apps see as a ByteBuffer, a send scratch for heap
 * data, the errno call state), and the connections it owns, indexed by descriptor. Loop 0 also
 * owns the listening (or datagram) socket and deals accepted descriptors round-robin.
 *
 * <p>Thread rule: as {@link EventLoop}; all fields are the loop thread's after start.
 */
final class ReactorLoop extends EventLoop {

    private static final System.Logger LOG = System.getLogger(ReactorLoop.class.getName());
    private static final int ACCEPTS_PER_EVENT = 64;
    private static final long ACCEPT_ERROR_PAUSE_MS = 1000;

    final ServerConfig config;
    final ConnectionSet connections;
    final ServerStats stats;
    final Poller poller;
    final boolean edge;
    final Arena arena = Arena.ofShared();
    final MemorySegment state = Libc.newCallState(arena);
    final MemorySegment scratch = arena.allocate(Sockets.SCRATCH_BYTES, 8);
    final MemorySegment readSegment;
    final ByteBuffer readBuffer;
    final MemorySegment sendScratch;
    private final PollEvents events = new PollEvents(1024);
    private final ProtocolFactory factory;
    private NativeConnection[] conns = new NativeConnection[1024];
    private List<ReactorLoop> peers = List.of();
    private int next;
    private int listenerFd = -1;
    private int datagramFd = -1;
    private DatagramProtocol datagrams;
    private NativeDatagramTransport datagramTransport;
    private final MemorySegment fromAddr;
    private final MemorySegment fromLen;
    private long refusedDescriptors;

    ReactorLoop(ServerConfig config, ConnectionSet connections, ServerStats stats, Poller poller,
                ProtocolFactory factory) {
        this.config = config;
        this.connections = connections;
        this.stats = stats;
        this.poller = poller;
        this.edge = poller.trigger() == Poller.Trigger.EDGE;
        this.factory = factory;
        this.readSegment = arena.allocate(config.readBufferSize(), 64);
        this.readBuffer = readSegment.asByteBuffer();
        this.sendScratch = arena.allocate(64 * 1024, 64);
        this.fromAddr = arena.allocate(Sockets.SOCKADDR_IN);
        this.fromLen = arena.allocate(4);
    }

    /** Loop 0 only, before start: the listening socket and the loops to deal connections to. */
    void listen(int fd, List<ReactorLoop> all) throws IOException {
        listenerFd = fd;
        peers = all;
        poller.register(fd, fd, Poller.READ);
    }

    /** Before start: the datagram socket and its protocol. */
    void receiveDatagrams(int fd, DatagramProtocol protocol) throws IOException {
        datagramFd = fd;
        datagrams = protocol;
        datagramTransport = new NativeDatagramTransport(fd, stats);
        poller.register(fd, fd, Poller.READ);
    }

    @Override
    protected void waitForIo(long timeoutMillis) throws IOException {
        int n = poller.poll(events, timeoutMillis);
        for (int i = 0; i < n; i++) {
            int token = events.token(i);
            int ready = events.ready(i);
            if (token == listenerFd) {
                acceptAll();
            } else if (token == datagramFd) {
                receiveAll();
            } else if (token >= 0 && token < conns.length && conns[token] != null) {
                NativeConnection c = conns[token];
                if ((ready & Poller.WRITE) != 0) {
                    c.onWritable();
                }
                if ((ready & Poller.READ) != 0) {
                    if (edge) {
                        c.onReadable(readBuffer, Integer.MAX_VALUE, (ready & Poller.HUP) != 0);
                    } else {
                        c.onReadable(readBuffer, 4);
                    }
                }
            }
        }
    }

    private void acceptAll() {
        for (int i = 0; edge || i < ACCEPTS_PER_EVENT; i++) {
            int fd = Sockets.accept4(state, listenerFd);
            if (fd >= 0) {
                ReactorLoop target = peers.get(next);
                next = (next + 1) % peers.size();
                if (target == this) {
                    open(fd);
                } else {
                    target.execute(() -> target.open(fd));
                }
                continue;
            }
            int errno = -fd;
            if (errno == Errno.EAGAIN) {
                return;
            }
            if (errno == Errno.ECONNABORTED || errno == Errno.EINTR) {
                continue;
            }
            stats.onAcceptError();
            LOG.log(System.Logger.Level.WARNING, Errno.name(errno) + " accept4: pausing accepts for 1 s");
            pauseAccepting();
            return;
        }
    }

    private void pauseAccepting() {
        try {
            poller.modify(listenerFd, listenerFd, 0);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot pause accepting: " + e);
            return;
        }
        schedule(ACCEPT_ERROR_PAUSE_MS, () -> {
            if (listenerFd < 0) {
                return;
            }
            try {
                poller.modify(listenerFd, listenerFd, Poller.READ);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot resume accepting: " + e);
            }
            acceptAll();
        });
    }

    /** Takes an accepted descriptor into this loop. Loop thread. */
    void open(int fd) {
        InetSocketAddress remote;
        InetSocketAddress local;
        try {
            Sockets.setIntOption(state, scratch, fd, Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY, 1);
            remote = Sockets.peerAddress(state, scratch, fd);
            local = Sockets.localAddress(state, scratch, fd);
            poller.register(fd, fd, edge ? Poller.READ | Poller.WRITE : Poller.READ);
        } catch (DescriptorLimitException e) {
            refuse(fd, e);
            return;
        } catch (IOException e) {
            Sockets.close(state, fd);
            return;
        }
        NativeConnection c = new NativeConnection(this, fd, remote, local);
        if (!connections.admit(c)) {
            deregisterQuietly(fd);
            Sockets.close(state, fd);
            return;
        }
        if (fd >= conns.length) {
            conns = Arrays.copyOf(conns, Math.max(fd + 1, conns.length * 2));
        }
        conns[fd] = c;
        c.open(factory);
    }

    private void refuse(int fd, DescriptorLimitException e) {
        stats.onRejected(); // counted before the close the client sees
        Sockets.close(state, fd);
        refusedDescriptors++;
        if (refusedDescriptors == 1 || refusedDescriptors % 1000 == 0) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; connection closed, server goes on ("
                    + refusedDescriptors + " refused so far)");
        }
    }

    private void deregisterQuietly(int fd) {
        try {
            poller.deregister(fd);
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** The descriptor is closed; drop it from the table. */
    void forget(int fd) {
        if (fd < conns.length) {
            conns[fd] = null;
        }
    }

    private void receiveAll() {
        for (int i = 0; edge || i < ACCEPTS_PER_EVENT; i++) {
            long n = Sockets.recvfrom(state, datagramFd, readSegment, readSegment.byteSize(), fromAddr, fromLen);
            if (n < 0) {
                if (-n != Errno.EAGAIN && -n != Errno.EINTR) {
                    LOG.log(System.Logger.Level.WARNING, Errno.name((int) -n) + " recvfrom");
                }
                return;
            }
            readBuffer.clear().limit((int) n);
            InetSocketAddress sender = Sockets.toAddress(fromAddr);
            try {
                datagrams.datagramReceived(readBuffer, sender, datagramTransport);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "datagramReceived failed for " + sender, t);
            }
        }
    }

    /** Stops accepting and closes the listening or datagram socket. Loop thread. */
    void closeListener() {
        for (int fd : new int[] {listenerFd, datagramFd}) {
            if (fd >= 0) {
                deregisterQuietly(fd);
                Sockets.close(state, fd);
            }
        }
        listenerFd = -1;
        datagramFd = -1;
    }

    @Override
    protected void wakeup() {
        poller.wakeup();
    }

    @Override
    protected void closeLoop() {
        for (NativeConnection c : conns) {
            if (c != null) {
                c.abort();
            }
        }
        runTasks();
        closeListener();
        poller.close();
        arena.close();
    }
}
