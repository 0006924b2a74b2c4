package org.iolab.engine.iouring;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.iolab.engine.event.EventLoop;
import org.iolab.engine.event.IoDriver;
import org.iolab.engine.support.SafeLog;
import org.iolab.engine.support.ServerContext;
import org.iolab.protocol.DatagramProtocol;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.sys.Errno;
import org.iolab.sys.IoUringCqe;
import org.iolab.sys.Libc;
import org.iolab.sys.Sockets;
import org.iolab.sys.Waker;
import org.iolab.uring.BufferGroup;
import org.iolab.uring.Ring;

/**
 * The io_uring engine's {@link IoDriver}, one per event loop: a ring it alone submits to and
 * whose completions it dispatches, with what it needs for that, each its own job: the provided
 * receive buffers ({@link BufferGroup}), the connections by descriptor ({@link UringConnections}),
 * the send buffers ({@link SendBuffers}), what is still in flight ({@link InFlight}) and the
 * requests it submits ({@link UringRequests}). Each turn is one {@code io_uring_enter}
 * that submits everything the last turn queued (receives to arm, sends, accepts, cancels) and
 * waits for completions, which are then dispatched by their {@code user_data}: the kind of
 * request in the top byte, the descriptor (or a slot) in the low 32 bits. Other threads wake it
 * through an eventfd whose read is always armed in the ring.
 *
 * <p>Nothing the kernel may still use is given back early: a descriptor is closed only when its
 * last request has completed ({@link InFlight}), a receive buffer goes back to the ring only
 * after its bytes were delivered, and a send buffer is lent to a connection until its send
 * completes.
 *
 * <p>Thread rule: as {@link IoDriver}; the ring, the buffers and the table are the loop thread's,
 * made on it in {@link #started} (the ring's single issuer).
 *
 * <p>Over 300 lines on purpose: the ring's one dispatcher, every completion kind a case of it; the table, the send buffers, the requests and what is in flight are apart.
 */
final class UringDriver implements IoDriver, Ring.Completions {

    private static final System.Logger LOG = System.getLogger(UringDriver.class.getName());
    private static final int ENTRIES = 4096;
    /** Receives that ended because the buffer ring was empty (each is re-armed): a diagnostic for tests and tuning. */
    static final java.util.concurrent.atomic.LongAdder BUFFERS_RAN_DRY = new java.util.concurrent.atomic.LongAdder();

    final EventLoop<UringDriver> loop;
    final ServerContext context;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final UringConnections conns = new UringConnections();
    private final Setup setup;
    SendBuffers sendBuffers;
    private Arena arena;
    MemorySegment state;
    Ring ring;
    private BufferGroup buffers;
    private InFlight inFlight;
    UringRequests requests;
    MemorySegment scratch;
    private Waker waker;
    private MemorySegment wakeBuffer;
    private UringAcceptor acceptor;
    private UringDatagrams datagrams;
    private boolean closing;

    /**
     * How a loop sets up its ring.
     *
     * @param multishotAccept whether one accept request yields every connection (5.19+)
     * @param multishotRecv whether one receive request yields every read (6.0+)
     * @param bufferCount provided receive buffers, a power of two
     * @param bufferSize bytes of each
     * @param registerRingFd whether to register the ring's descriptor ({@code --ring-fd registered})
     */
    record Setup(boolean multishotAccept, boolean multishotRecv, int bufferCount, int bufferSize,
                 boolean registerRingFd) {
    }

    UringDriver(EventLoop<UringDriver> loop, ServerContext context, Setup setup) {
        this.loop = loop;
        this.context = context;
        this.setup = setup;
    }

    @Override
    public void started() throws Exception {
        try {
            arena = Arena.ofShared();
            sendBuffers = new SendBuffers(arena);
            state = Libc.newCallState(arena);
            scratch = arena.allocate(Sockets.SCRATCH_BYTES, 8);
            ring = Ring.open(ENTRIES, setup.registerRingFd());
            buffers = new BufferGroup(ring, (short) 0, setup.bufferCount(), setup.bufferSize());
            inFlight = new InFlight(this::closeDescriptor);
            requests = new UringRequests(ring, inFlight, buffers.id(), setup.multishotAccept(), setup.multishotRecv());
            waker = new Waker(arena);
            wakeBuffer = arena.allocate(8, 8);
            armWake();
            ready.complete(null);
        } catch (Exception | Error e) {
            ready.completeExceptionally(e);
            throw e;
        }
    }

    /** Waits (bounded) until {@link #started} made the ring; its failure as an IOException. */
    void awaitReady() throws IOException {
        try {
            ready.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw new IOException("io_uring loop did not start", e);
        }
    }

    @Override
    public void waitForIo(long timeoutMillis) throws IOException {
        ring.submitAndWait(timeoutMillis);
        loop.awake();
        ring.reap(this);
    }

    @Override
    public void complete(long userData, int res, int flags) {
        int low = UringRequests.low(userData);
        try {
            switch (UringRequests.kind(userData)) {
                case 1 -> received(low, res, flags);
                case 2 -> sent(low, res);
                case 3 -> accepted(low, res, flags);
                case 5 -> woken(res);
                case 6 -> datagrams.received(res);
                case 7 -> datagrams.sent(low, res);
                case 4 -> cancelled(low);
                default -> SafeLog.warn(LOG, "uring-unknown", () -> "unknown completion " + Long.toHexString(userData));
            }
        } catch (Throwable e) { // a completion's failure must never leave the rest of the batch unreaped
            context.stats().onInternalError();
            SafeLog.log(LOG, System.Logger.Level.ERROR, "uring-completion", () -> "completion "
                    + Long.toHexString(userData) + " failed; continuing: " + e, e);
        }
    }

    // ---- connections

    /** Takes an accepted descriptor into this loop. Loop thread. */
    void open(int fd, ProtocolFactory factory) {
        UringConnection c = context.admit(() -> Sockets.close(state, fd), () -> {
            Sockets.setIntOption(state, scratch, fd, Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY, 1);
            InetSocketAddress remote = Sockets.peerAddress(state, scratch, fd);
            InetSocketAddress local = Sockets.localAddress(state, scratch, fd);
            return new UringConnection(this, fd, remote, local);
        });
        if (c == null) {
            return;
        }
        conns.put(fd, c);
        c.open(factory);
    }

    private void received(int fd, int res, int flags) {
        UringConnection c = conns.get(fd);
        boolean more = (flags & IoUringCqe.F_MORE) != 0;
        if ((flags & IoUringCqe.F_BUFFER) != 0) {
            int bid = IoUringCqe.bufferId(flags);
            ByteBuffer data = buffers.received(bid, res);
            try {
                if (c != null) {
                    c.received(data, res, more);
                }
            } finally {
                buffers.recycle(bid);
            }
        } else if (c != null) {
            if (res == -Errno.EINVAL && requests.multishotRecv) {
                requests.multishotRecv = false; // this kernel has no multishot receive: single-shot from now on
                SafeLog.log(LOG, System.Logger.Level.INFO, "uring-fallback",
                        () -> "io_uring multishot receive not supported here; using single-shot", null);
                res = -Errno.ECANCELED;
            }
            if (res == -Errno.ENOBUFS) {
                BUFFERS_RAN_DRY.increment();
            }
            c.receiveEnded(res); // end of stream (0), or an error; ENOBUFS and ECANCELED re-arm if wanted
        }
        if (!more) {
            inFlight.ended(fd);
        }
    }

    private void sent(int fd, int res) {
        UringConnection c = conns.get(fd);
        if (c != null) {
            c.sent(res);
        }
        inFlight.ended(fd);
    }

    /** A cancel's own completion: what it cancelled completes by itself. */
    private void cancelled(int fd) {
        UringConnection c = conns.get(fd);
        if (c != null) {
            c.cancelDone();
        }
    }

    /**
     * The connection on {@code fd} has ended: closes the descriptor once nothing of it is in
     * flight, cancelling what is (with SO_LINGER 0 first when {@code reset}, so the close resets).
     */
    void retire(int fd, boolean reset) {
        if (reset) {
            Sockets.setLingerZero(state, scratch, fd);
        }
        if (inFlight.of(fd) > 0) {
            requests.cancelAll(fd);
        }
        inFlight.retire(fd);
    }

    private void closeDescriptor(int fd) {
        Sockets.close(state, fd);
        UringConnection c = conns.remove(fd);
        if (c != null) {
            c.releaseMemory();
        }
    }

    // ---- accepting and datagrams (loop 0)

    /** Before start: accept on {@code listenerFd}. */
    void listen(UringAcceptor a) {
        acceptor = a;
        a.arm();
    }

    private void accepted(int fd, int res, int flags) {
        boolean more = (flags & IoUringCqe.F_MORE) != 0;
        if (res == -Errno.EINVAL && requests.multishotAccept) {
            requests.multishotAccept = false;
            SafeLog.log(LOG, System.Logger.Level.INFO, "uring-fallback",
                    () -> "io_uring multishot accept not supported here; using single-shot", null);
            res = -Errno.ECANCELED;
        }
        if (acceptor != null) {
            acceptor.completed(res, more);
        } else if (res >= 0) {
            Sockets.close(state, res); // accepted as the listener closed
        }
        if (!more) {
            inFlight.ended(fd);
        }
    }

    /** Receives datagrams on {@code fd}. Loop thread. */
    void receiveDatagrams(int fd, DatagramProtocol protocol) {
        datagrams = new UringDatagrams(this, fd, protocol, arena);
        datagrams.arm();
    }

    void msgEnded(int fd) {
        inFlight.ended(fd);
    }

    /** Stops accepting (or receiving datagrams): cancels and closes the socket when idle. Loop thread. */
    void closeListener() {
        if (acceptor != null) {
            int fd = acceptor.fd;
            acceptor = null;
            retire(fd, false);
        }
        if (datagrams != null) {
            datagrams.close();
            retire(datagrams.fd, false);
        }
    }

    // ---- wake-ups and the end

    private void armWake() {
        requests.wake(waker.fd(), wakeBuffer.address());
    }

    private void woken(int res) {
        inFlight.ended(waker.fd());
        if (!closing) {
            armWake();
        }
    }

    @Override
    public void wakeup() {
        if (waker != null) {
            waker.wake();
        }
    }

    @Override
    public void prepareToClose() {
        if (ring != null) {
            closing = true;
            conns.abortAll();
        }
    }

    @Override
    public void close() {
        if (ring == null) {
            if (arena != null) {
                arena.close();
            }
            return;
        }
        closeListener();
        requests.cancelAll(waker.fd());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            while (inFlight.total() > 0 && System.nanoTime() - deadline < 0) {
                ring.submitAndWait(50);
                ring.reap(this);
            }
        } catch (IOException | RuntimeException e) {
            SafeLog.warn(LOG, "uring-close", () -> "io_uring loop: error while draining: " + e);
        }
        boolean drained = inFlight.total() == 0;
        if (drained) {
            buffers.close();
        }
        ring.close(); // the kernel cancels what is left
        for (int fd : inFlight.waiting()) {
            Sockets.close(state, fd);
        }
        waker.close();
        if (drained) {
            arena.close();
        } else { // memory the kernel may still touch is never freed
            int left = inFlight.total();
            SafeLog.warn(LOG, "uring-close", () -> "io_uring loop: " + left
                    + " requests still in flight after 2 s; their memory is left mapped");
        }
    }
}
