package org.iolab.engine.iouring;

import org.iolab.engine.event.Acceptor;
import org.iolab.engine.event.EventLoop;
import org.iolab.engine.event.LoopGroup;
import org.iolab.engine.support.ServerContext;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.sys.Errno;
import org.iolab.sys.Sockets;
import org.iolab.sys.SyscallException;

/**
 * Loop 0's listening socket under io_uring: an accept kept armed in the ring (multishot where
 * the kernel has it), each accepted descriptor dealt to a loop; after a failed accept (EMFILE and
 * the like) the accept is cancelled for the back-off and armed again after it.
 *
 * <p>Thread rule: as {@link Acceptor} (loop 0).
 */
final class UringAcceptor extends Acceptor<UringDriver, Integer> {

    final int fd;
    private final UringDriver first;
    private final ProtocolFactory factory;
    private boolean armed;
    private boolean wanted = true;

    UringAcceptor(LoopGroup<UringDriver> group, ServerContext context, int fd, ProtocolFactory factory) {
        super(group, context, 1);
        this.first = group.first().driver();
        this.fd = fd;
        this.factory = factory;
    }

    void arm() {
        if (!armed && wanted) {
            armed = true;
            first.requests.accept(fd);
        }
    }

    /** An accept completed: a descriptor, or -errno; {@code more}: it stays armed. */
    void completed(int res, boolean more) {
        armed &= more;
        if (res >= 0) {
            accepted(res);
        } else if (res != -Errno.ECANCELED) {
            failed(Errno.name(-res) + " accept");
        }
        arm();
    }

    /** A plain accept4 on the (non-blocking) listener: used to resume, and to turn away what is pending. */
    @Override
    protected Integer acceptOne() throws SyscallException {
        while (true) {
            int r = Sockets.accept4(first.state, fd);
            if (r >= 0) {
                return r;
            }
            if (-r == Errno.EAGAIN) {
                return null;
            }
            if (-r != Errno.ECONNABORTED && -r != Errno.EINTR) {
                throw new SyscallException("accept4", -r);
            }
        }
    }

    @Override
    protected void closeAccepted(Integer accepted) {
        Sockets.close(first.state, accepted);
    }

    @Override
    protected void watch(boolean on) {
        wanted = on;
        if (on) {
            arm();
        } else if (armed) {
            first.requests.cancel(UringRequests.ACCEPT | fd, fd);
        }
    }

    @Override
    protected void open(EventLoop<UringDriver> loop, Integer accepted) {
        loop.driver().open(accepted, factory);
    }
}
