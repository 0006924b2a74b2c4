package org.iolab.engine.reactor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.iolab.engine.event.EventLoop;
import org.iolab.engine.event.IoDriver;
import org.iolab.engine.fd.FdDatagramTransport;
import org.iolab.engine.support.SafeLog;
import org.iolab.engine.support.ServerContext;
import org.iolab.multiplexer.DescriptorLimitException;
import org.iolab.multiplexer.Multiplexer;
import org.iolab.multiplexer.ReadyEvents;
import org.iolab.protocol.DatagramProtocol;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.sys.Errno;
import org.iolab.sys.Libc;
import org.iolab.sys.Sockets;

/**
 * The native reactor's {@link IoDriver}, one per event loop: a {@link Multiplexer}, the loop's
 * native memory (an {@link Arena} holding the read buffer the apps see as a ByteBuffer, a send
 * scratch for heap data, the errno call state), and the connections it owns, indexed by
 * descriptor. Loop 0's also owns the listening (or datagram) socket.
 *
 * <p>Thread rule: as {@link IoDriver}; all fields are the loop thread's after start.
 */
final class ReactorDriver implements IoDriver {

    private static final System.Logger LOG = System.getLogger(ReactorDriver.class.getName());
    private static final int DATAGRAMS_PER_EVENT = 64;

    final EventLoop<ReactorDriver> loop;
    final ServerContext context;
    final Multiplexer multiplexer;
    final boolean edge;
    final Arena arena = Arena.ofShared();
    final MemorySegment state = Libc.newCallState(arena);
    final MemorySegment scratch = arena.allocate(Sockets.SCRATCH_BYTES, 8);
    final MemorySegment readSegment;
    final ByteBuffer readBuffer;
    final MemorySegment sendScratch;
    private final ReadyEvents events = new ReadyEvents(1024);
    private NativeConnection[] conns = new NativeConnection[1024];
    private FdAcceptor acceptor;
    private int datagramFd = -1;
    private DatagramProtocol datagrams;
    private FdDatagramTransport datagramTransport;
    private final MemorySegment fromAddr;
    private final MemorySegment fromLen;
    private long refusedDescriptors;

    ReactorDriver(EventLoop<ReactorDriver> loop, ServerContext context, Multiplexer multiplexer) {
        this.loop = loop;
        this.context = context;
        this.multiplexer = multiplexer;
        this.edge = multiplexer.trigger() == Multiplexer.Trigger.EDGE;
        this.readSegment = arena.allocate(context.config().readBufferSize(), 64);
        this.readBuffer = readSegment.asByteBuffer();
        this.sendScratch = arena.allocate(64 * 1024, 64);
        this.fromAddr = arena.allocate(Sockets.SOCKADDR_IN);
        this.fromLen = arena.allocate(4);
    }

    /** Loop 0 only, before start: the listening socket. */
    void listen(FdAcceptor a) throws IOException {
        acceptor = a;
        multiplexer.register(a.fd, a.fd, Multiplexer.READ);
    }

    /** Before start: the datagram socket and its protocol. */
    void receiveDatagrams(int fd, DatagramProtocol protocol) throws IOException {
        datagramFd = fd;
        datagrams = protocol;
        datagramTransport = new FdDatagramTransport(fd, context.stats());
        multiplexer.register(fd, fd, Multiplexer.READ);
    }

    @Override
    public void waitForIo(long timeoutMillis) throws IOException {
        int n = multiplexer.waitFor(events, timeoutMillis);
        loop.awake();
        for (int i = 0; i < n; i++) {
            int token = events.token(i);
            int ready = events.ready(i);
            if (acceptor != null && token == acceptor.fd) {
                acceptor.acceptReady();
            } else if (token == datagramFd) {
                receiveAll();
            } else if (token >= 0 && token < conns.length && conns[token] != null) {
                NativeConnection c = conns[token];
                if ((ready & Multiplexer.WRITE) != 0) {
                    c.onWritable();
                }
                if ((ready & Multiplexer.READ) != 0) {
                    if (edge) {
                        c.onReadable(readBuffer, Integer.MAX_VALUE, (ready & Multiplexer.HUP) != 0);
                    } else {
                        c.onReadable(readBuffer, 4, false);
                    }
                }
            }
        }
    }

    /** Takes an accepted descriptor into this loop. Loop thread. */
    void open(int fd, ProtocolFactory factory) {
        InetSocketAddress remote;
        InetSocketAddress local;
        try {
            Sockets.setIntOption(state, scratch, fd, Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY, 1);
            remote = Sockets.peerAddress(state, scratch, fd);
            local = Sockets.localAddress(state, scratch, fd);
            multiplexer.register(fd, fd, edge ? Multiplexer.READ | Multiplexer.WRITE : Multiplexer.READ);
        } catch (DescriptorLimitException e) {
            refuse(fd, e);
            return;
        } catch (IOException e) {
            Sockets.close(state, fd);
            return;
        }
        NativeConnection c = new NativeConnection(this, fd, remote, local);
        if (!context.connections().admit(c)) {
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
        context.stats().onRejected(); // counted before the close the client sees
        Sockets.close(state, fd);
        refusedDescriptors++;
        long refused = refusedDescriptors;
        SafeLog.warn(LOG, "select-limit", () -> e.getMessage() + "; connection closed, server goes on ("
                + refused + " refused so far)");
    }

    private void deregisterQuietly(int fd) {
        try {
            multiplexer.deregister(fd);
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
        for (int i = 0; edge || i < DATAGRAMS_PER_EVENT; i++) {
            long n = Sockets.recvfrom(state, datagramFd, readSegment, readSegment.byteSize(), fromAddr, fromLen);
            if (n < 0) {
                if (-n != Errno.EAGAIN && -n != Errno.EINTR) {
                    SafeLog.warn(LOG, "udp-receive", () -> Errno.name((int) -n) + " recvfrom");
                }
                return;
            }
            readBuffer.clear().limit((int) n);
            InetSocketAddress sender = Sockets.toAddress(fromAddr);
            try {
                datagrams.datagramReceived(readBuffer, sender, datagramTransport);
            } catch (Throwable t) {
                context.stats().onCallbackFailure();
                SafeLog.log(LOG, System.Logger.Level.WARNING, "callback-failed", () -> "datagramReceived failed for "
                        + sender + ": " + t, t);
            }
        }
    }

    /** Stops accepting and closes the listening or datagram socket. Loop thread. */
    void closeListener() {
        int listenerFd = acceptor == null ? -1 : acceptor.fd;
        for (int fd : new int[] {listenerFd, datagramFd}) {
            if (fd >= 0) {
                deregisterQuietly(fd);
                Sockets.close(state, fd);
            }
        }
        acceptor = null;
        datagramFd = -1;
    }

    @Override
    public void wakeup() {
        multiplexer.wakeup();
    }

    @Override
    public void prepareToClose() {
        for (NativeConnection c : conns) {
            if (c != null) {
                c.abort();
            }
        }
    }

    @Override
    public void close() {
        closeListener();
        release();
    }

    /** Frees the multiplexer and the native memory (the loop ended, or never started). */
    void release() {
        multiplexer.close();
        arena.close();
    }
}
