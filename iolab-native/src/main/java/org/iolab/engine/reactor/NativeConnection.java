package org.iolab.engine.reactor;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.iolab.engine.event.ReadinessConnection;
import org.iolab.multiplexer.Multiplexer;
import org.iolab.sys.Errno;
import org.iolab.sys.Sockets;
import org.iolab.sys.SyscallException;

/**
 * An {@link ReadinessConnection} over a raw descriptor: recv and send through FFM into the loop's
 * native buffers. Level-triggered, interest changes go to the multiplexer; edge-triggered, the
 * descriptor is registered for reading and writing once, and resuming reads tries a read at
 * once (data that arrived while paused raised its one edge already).
 *
 * <p>Thread rule: as {@link ReadinessConnection}; the descriptor is the loop's.
 */
final class NativeConnection extends ReadinessConnection {

    private final ReactorDriver driver;
    final int fd;
    private boolean registeredRead = true;

    NativeConnection(ReactorDriver driver, int fd, InetSocketAddress remote, InetSocketAddress local) {
        super(driver.loop, driver.context, remote, local);
        this.driver = driver;
        this.fd = fd;
    }

    @Override
    protected int receive(ByteBuffer dst) throws IOException {
        MemorySegment seg = dst == driver.readBuffer && dst.position() == 0
                ? driver.readSegment : MemorySegment.ofBuffer(dst);
        long n = Sockets.recv(driver.state, fd, seg, dst.remaining());
        if (n > 0) {
            dst.position(dst.position() + (int) n);
            return (int) n;
        }
        if (n == 0) {
            return -1;
        }
        if (-n == Errno.EAGAIN) {
            return 0;
        }
        throw new SyscallException("recv", (int) -n);
    }

    /**
     * Sends until {@code src} is empty or the kernel would block, as a channel's write does: a
     * heap buffer goes through the loop's 64 KiB scratch, one piece after another. Stopping
     * after one piece while the kernel would take more lost the only EPOLLOUT edge an
     * edge-triggered loop gets (the kernel raises it after a send found no room).
     */
    @Override
    protected int send(ByteBuffer src) throws IOException {
        if (src.isDirect()) { // the loop's read buffer (an echo) by its address: no segment made per send
            long address = src == driver.readBuffer ? driver.readSegment.address() + src.position()
                    : MemorySegment.ofBuffer(src).address();
            return sendOnce(src, Sockets.sendAt(driver.state, fd, address, src.remaining()));
        }
        int total = 0;
        int scratch = (int) driver.sendScratch.byteSize();
        while (src.hasRemaining()) {
            int len = Math.min(src.remaining(), scratch);
            if (src.hasArray()) { // from the array itself: no segment made per send
                MemorySegment.copy(src.array(), src.arrayOffset() + src.position(), driver.sendScratch,
                        java.lang.foreign.ValueLayout.JAVA_BYTE, 0, len);
            } else {
                MemorySegment.copy(MemorySegment.ofBuffer(src), 0, driver.sendScratch, 0, len);
            }
            int n = sendOnce(src, Sockets.sendAt(driver.state, fd, driver.sendScratch.address(), len));
            total += n;
            if (n < len) {
                break; // the kernel is full
            }
        }
        return total;
    }

    /** What a send of {@code src}'s next bytes returned ({@code n}, or -errno), acted on. */
    private int sendOnce(ByteBuffer src, long n) throws IOException {
        if (n >= 0) {
            src.position(src.position() + (int) n);
            return (int) n;
        }
        if (-n == Errno.EAGAIN) {
            return 0;
        }
        throw new SyscallException("send", (int) -n);
    }

    @Override
    protected void interest(boolean read, boolean write) {
        if (driver.edge) {
            if (read && !registeredRead) {
                driver.loop.execute(() -> onReadable(driver.readBuffer, Integer.MAX_VALUE, true));
            }
            registeredRead = read;
            return;
        }
        try {
            driver.multiplexer.modify(fd, fd, (read ? Multiplexer.READ : 0) | (write ? Multiplexer.WRITE : 0));
        } catch (IOException e) {
            abort();
        }
    }

    @Override
    protected void shutdownOutput() {
        Sockets.shutdown(driver.state, fd, Sockets.SHUT_WR); // ENOTCONN when the peer has gone: closing anyway
    }

    @Override
    protected void release(boolean reset) {
        if (reset) {
            Sockets.setLingerZero(driver.state, driver.scratch, fd);
        }
        try {
            driver.multiplexer.deregister(fd);
        } catch (IOException ignored) {
            // closing removes it anyway
        }
        driver.forget(fd);
        Sockets.close(driver.state, fd);
    }
}
