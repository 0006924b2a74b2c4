package org.iolab.engine.iouring;

import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.iolab.engine.completion.CompletionConnection;
import org.iolab.sys.Errno;
import org.iolab.sys.SyscallException;

/**
 * A connection of the io_uring engine: a completion connection whose reads are receives armed
 * in the loop's ring (multishot where the kernel has it) into the loop's provided buffers, and
 * whose writes are sends from a native buffer the loop lends it while a send is in flight. A
 * reply written on the loop is copied once, into that buffer, and submitted; only what does not
 * fit, or comes while a send is in flight, goes through the queue.
 *
 * <p><b>Thread rule.</b> Serialized means "on the loop thread" (the ring has a single issuer);
 * a write from another thread is queued and its send submitted from the loop.
 */
final class UringConnection extends CompletionConnection {

    final int fd;
    private final UringDriver driver;
    private final Runnable drainTask = () -> {
        ByteBuffer head = queue.head();
        if (head != null) {
            sendHead(head);
        }
    };
    // loop-confined
    private SendBuffers.Lent sendBuffer;
    private int sendFrom;
    private int sendTo;
    /** The queue's head the send in flight was copied from, or null for a direct write. */
    private ByteBuffer sendingHead;
    private boolean cancelPending;

    UringConnection(UringDriver driver, int fd, InetSocketAddress remote, InetSocketAddress local) {
        super(driver.context, driver.loop, remote, local);
        this.driver = driver;
        this.fd = fd;
    }

    @Override
    protected void submitRead() {
        driver.requests.recv(fd);
    }

    @Override
    protected void stopReading() {
        if (!cancelPending) { // a multishot receive keeps delivering until cancelled
            cancelPending = true;
            driver.requests.cancel(UringRequests.RECV | fd, fd);
        }
    }

    /** A receive completed with {@code n} bytes in {@code data}. Loop thread. */
    void received(ByteBuffer data, int n, boolean more) {
        readCompleted(data, n, more);
    }

    /** A receive ended without data: 0 is the end of stream, else -errno. Loop thread. */
    void receiveEnded(int res) {
        if (res == 0) {
            readCompleted(null, -1, false);
        } else if (res == -Errno.ECANCELED || res == -Errno.ENOBUFS) {
            readFailed(null, true); // cancelled by us, or the buffers ran dry: re-armed if still wanted
        } else {
            readFailed(new SyscallException("recv", -res), false);
        }
    }

    void cancelDone() {
        cancelPending = false;
    }

    @Override
    protected boolean submitDirect(ByteBuffer data) {
        if (!driver.loop.inLoop()) {
            return false;
        }
        int n = stage(data, data.position());
        data.position(data.position() + n);
        sendingHead = null;
        driver.requests.send(fd, sendBuffer.memory().address(), n);
        return true;
    }

    @Override
    protected void submitWrite(ByteBuffer head) {
        if (driver.loop.inLoop()) {
            sendHead(head);
        } else {
            driver.loop.execute(drainTask);
        }
    }

    /** Sends (a first part of) the queue's head; its position moves when the send completes. */
    private void sendHead(ByteBuffer head) {
        int n = stage(head, head.position());
        sendingHead = head;
        driver.requests.send(fd, sendBuffer.memory().address(), n);
    }

    /** Copies what fits of {@code src}'s remaining bytes (from {@code from}) into the send buffer. */
    private int stage(ByteBuffer src, int from) {
        if (sendBuffer == null) {
            sendBuffer = driver.sendBuffers.borrow();
        }
        int n = Math.min(src.limit() - from, SendBuffers.SIZE);
        sendBuffer.view().put(0, src, from, n); // a bulk copy: no segment made per send
        sendFrom = 0;
        sendTo = n;
        return n;
    }

    /** The send in flight completed: {@code res} bytes sent, or -errno. Loop thread. */
    void sent(int res) {
        if (res < 0) {
            sendingHead = null;
            writeFailed(new SyscallException("send", -res));
            return;
        }
        sendFrom += res;
        ByteBuffer head = sendingHead;
        if (head != null) {
            sendingHead = null;
            head.position(head.position() + res);
            writeCompleted(res); // a short send: the rest of the head is sent next
        } else if (sendFrom < sendTo) {
            driver.requests.send(fd, sendBuffer.memory().address() + sendFrom, sendTo - sendFrom); // the rest of a direct write
            return;
        } else {
            directWriteCompleted();
        }
        if (!writeInFlight() && sendBuffer != null) {
            driver.sendBuffers.giveBack(sendBuffer);
            sendBuffer = null;
        }
    }

    @Override
    protected void shutdownOutput() {
        // every send has completed (nothing is queued or in flight): the system call, not a ring entry
        org.iolab.sys.Sockets.shutdown(driver.state, fd, org.iolab.sys.Sockets.SHUT_WR);
    }

    @Override
    protected void release(boolean reset) {
        driver.retire(fd, reset);
    }

    /** The descriptor is closed and nothing of it is in flight: the send buffer goes back. Loop thread. */
    void releaseMemory() {
        if (sendBuffer != null) {
            driver.sendBuffers.giveBack(sendBuffer);
            sendBuffer = null;
        }
    }
}
