package org.iolab.engine.reactor;

import java.io.IOException;
import org.iolab.engine.event.Acceptor;
import org.iolab.engine.event.EventLoop;
import org.iolab.engine.event.LoopGroup;
import org.iolab.engine.support.ServerContext;
import org.iolab.multiplexer.Multiplexer;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.sys.Errno;
import org.iolab.sys.Sockets;
import org.iolab.sys.SyscallException;

/**
 * Loop 0's listening descriptor: {@code accept4} until it would block (edge-triggered: it must;
 * level-triggered: at most 64 before other work), each descriptor dealt to a loop.
 *
 * <p>Thread rule: as {@link Acceptor}.
 */
final class FdAcceptor extends Acceptor<ReactorDriver, Integer> {

    private static final int ACCEPTS_PER_EVENT = 64;

    private final ReactorDriver first;
    private final ProtocolFactory factory;
    final int fd;

    FdAcceptor(LoopGroup<ReactorDriver> group, ServerContext context, ReactorDriver first, int fd, ProtocolFactory factory) {
        super(group, context, first.edge ? Integer.MAX_VALUE : ACCEPTS_PER_EVENT);
        this.first = first;
        this.fd = fd;
        this.factory = factory;
    }

    @Override
    protected Integer acceptOne() throws IOException {
        while (true) {
            int r = Sockets.accept4(first.state, fd);
            if (r >= 0) {
                return r;
            }
            int errno = -r;
            if (errno == Errno.EAGAIN) {
                return null;
            }
            if (errno != Errno.ECONNABORTED && errno != Errno.EINTR) {
                throw new SyscallException("accept4", errno);
            }
        }
    }

    @Override
    protected void closeAccepted(Integer accepted) {
        Sockets.close(first.state, accepted);
    }

    @Override
    protected void watch(boolean on) throws IOException {
        first.multiplexer.modify(fd, fd, on ? Multiplexer.READ : 0);
    }

    @Override
    protected void open(EventLoop<ReactorDriver> loop, Integer accepted) {
        loop.driver().open(accepted, factory);
    }
}
