package org.iolab.engine.iouring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.iolab.engine.fd.FdDatagramTransport;
import org.iolab.engine.support.SafeLog;
import org.iolab.protocol.DatagramProtocol;
import org.iolab.protocol.DatagramTransport;
import org.iolab.sys.Errno;
import org.iolab.sys.IoUringSqe;
import org.iolab.sys.MsgHdr;
import org.iolab.sys.Sockets;

/**
 * UDP on io_uring: one recvmsg kept armed (re-armed after each datagram), and sendmsg from a few
 * slots (message header, address and a 64 KiB buffer each, owned until the send completes). A
 * datagram sent while every slot is in flight is dropped and counted, as UDP allows; one sent
 * from another thread than the loop goes out with {@code sendto} (only the loop may submit).
 *
 * <p>Thread rule: the loop's thread, except {@link #send} and {@link #localAddress}.
 */
final class UringDatagrams implements DatagramTransport {

    private static final System.Logger LOG = System.getLogger(UringDatagrams.class.getName());
    private static final int MAX_DATAGRAM = 65_536;
    private static final int MAX_SLOTS = 32;

    final int fd;
    private final UringDriver driver;
    private final DatagramProtocol protocol;
    private final Arena arena;
    private final Slot receive;
    private final ByteBuffer receiveView;
    private final List<Slot> slots = new ArrayList<>();
    private final ArrayDeque<Slot> free = new ArrayDeque<>();
    private final FdDatagramTransport foreign;
    private boolean open = true;

    /** One message: its header, iovec, peer address and data buffer, in native memory. */
    private record Slot(int index, MemorySegment msghdr, MemorySegment iov, MemorySegment name, MemorySegment data) {
        static Slot make(Arena arena, int index) {
            return new Slot(index, arena.allocate(MsgHdr.MSGHDR), arena.allocate(MsgHdr.IOVEC),
                    arena.allocate(Sockets.SOCKADDR_IN), arena.allocate(MAX_DATAGRAM, 64));
        }
    }

    UringDatagrams(UringDriver driver, int fd, DatagramProtocol protocol, Arena arena) {
        this.driver = driver;
        this.fd = fd;
        this.protocol = protocol;
        this.arena = arena;
        this.receive = Slot.make(arena, -1);
        this.receiveView = receive.data.asByteBuffer();
        this.foreign = new FdDatagramTransport(fd, driver.context.stats());
    }

    void arm() {
        MsgHdr.set(receive.msghdr, receive.iov, receive.name, receive.data, MAX_DATAGRAM);
        driver.requests.msg(IoUringSqe.OP_RECVMSG, fd, receive.msghdr.address(), UringRequests.RECVMSG | fd);
    }

    void received(int res) {
        driver.msgEnded(fd);
        if (res >= 0) {
            receiveView.clear().limit(res);
            InetSocketAddress sender = Sockets.toAddress(receive.name);
            try {
                protocol.datagramReceived(receiveView, sender, this);
            } catch (Throwable t) {
                driver.context.stats().onCallbackFailure();
                SafeLog.log(LOG, System.Logger.Level.WARNING, "callback-failed", () -> "datagramReceived failed for "
                        + sender + ": " + t, t);
            }
        } else if (res != -Errno.ECANCELED) {
            SafeLog.warn(LOG, "udp-receive", () -> Errno.name(-res) + " recvmsg");
        }
        if (open) {
            arm();
        }
    }

    @Override
    public void send(ByteBuffer data, InetSocketAddress target) {
        if (!driver.loop.inLoop()) {
            foreign.send(data, target);
            return;
        }
        int n = data.remaining();
        Slot s = free.poll();
        if (s == null && slots.size() < MAX_SLOTS) {
            s = Slot.make(arena, slots.size());
            slots.add(s);
        }
        if (s == null || n > MAX_DATAGRAM) {
            driver.context.stats().onDatagramDropped();
            data.position(data.limit());
            return;
        }
        MemorySegment.copy(MemorySegment.ofBuffer(data), 0, s.data, 0, n);
        data.position(data.limit());
        Sockets.sockaddr(s.name, target);
        MsgHdr.set(s.msghdr, s.iov, s.name, s.data, n);
        driver.requests.msg(IoUringSqe.OP_SENDMSG, fd, s.msghdr.address(), UringRequests.SENDMSG | s.index);
    }

    void sent(int slot, int res) {
        driver.msgEnded(fd);
        free.push(slots.get(slot));
        if (res < 0) {
            driver.context.stats().onDatagramDropped();
        }
    }

    void close() {
        open = false;
    }

    @Override
    public InetSocketAddress localAddress() {
        return foreign.localAddress();
    }
}
