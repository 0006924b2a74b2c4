package org.iolab.multiplexer;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import org.iolab.sys.Epoll;
import org.iolab.sys.Errno;
import org.iolab.sys.Libc;
import org.iolab.sys.Sockets;
import org.iolab.sys.SyscallException;

/**
 * {@link Multiplexer} over {@code epoll(7)}, level- or edge-triggered as asked. The kernel holds the
 * interest list; a wait returns only the ready descriptors: O(ready) per call.
 *
 * <p>Thread rule: as {@link Multiplexer}.
 */
public final class EpollMultiplexer extends NativeMultiplexer {

    private static final long WAKE_TOKEN = -1L;
    private static final int MAX_EVENTS = 1024;

    private final MemorySegment ctlEvent = arena.allocate(Epoll.EPOLL_EVENT);
    private final MemorySegment eventArray = arena.allocate(Epoll.EVENT_BYTES * MAX_EVENTS, 8);
    private final Trigger trigger;
    private final int epfd;

    public EpollMultiplexer(Trigger trigger) throws SyscallException {
        this.trigger = trigger;
        this.epfd = (int) Libc.check("epoll_create1", Epoll.create(state));
        Libc.check("epoll_ctl", Epoll.ctl(state, epfd, Epoll.EPOLL_CTL_ADD, waker.fd(), Epoll.EPOLLIN, WAKE_TOKEN, ctlEvent));
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }

    @Override
    public String name() {
        return "epoll";
    }

    private int events(int interest) {
        return ((interest & READ) != 0 ? Epoll.EPOLLIN | Epoll.EPOLLRDHUP : 0)
                | ((interest & WRITE) != 0 ? Epoll.EPOLLOUT : 0)
                | (trigger == Trigger.EDGE ? Epoll.EPOLLET : 0);
    }

    @Override
    public void register(int fd, int token, int interest) throws IOException {
        Libc.check("epoll_ctl(ADD)", Epoll.ctl(state, epfd, Epoll.EPOLL_CTL_ADD, fd, events(interest), token, ctlEvent));
    }

    @Override
    public void modify(int fd, int token, int interest) throws IOException {
        Libc.check("epoll_ctl(MOD)", Epoll.ctl(state, epfd, Epoll.EPOLL_CTL_MOD, fd, events(interest), token, ctlEvent));
    }

    @Override
    public void deregister(int fd) throws IOException {
        long r = Epoll.ctl(state, epfd, Epoll.EPOLL_CTL_DEL, fd, 0, 0, ctlEvent);
        if (r < 0 && -r != 2 /* ENOENT: never added */ && -r != Errno.EBADF) {
            throw new SyscallException("epoll_ctl(DEL)", (int) -r);
        }
    }

    @Override
    public int waitFor(ReadyEvents events, long timeoutMillis) throws IOException {
        events.clear();
        int max = Math.min(MAX_EVENTS, events.capacity());
        int n = ready("epoll_wait", Epoll.waitFor(state, epfd, eventArray, max, (int) Math.min(timeoutMillis, Integer.MAX_VALUE)));
        for (int i = 0; i < n; i++) {
            long token = Epoll.data(eventArray, i);
            if (token == WAKE_TOKEN) {
                waker.drain();
                continue;
            }
            int e = Epoll.events(eventArray, i);
            events.add((int) token, readiness((e & (Epoll.EPOLLIN | Epoll.EPOLLRDHUP)) != 0, (e & Epoll.EPOLLOUT) != 0,
                    (e & (Epoll.EPOLLERR | Epoll.EPOLLHUP | Epoll.EPOLLRDHUP)) != 0));
        }
        return events.size();
    }

    @Override
    protected void closeMechanism() {
        Sockets.close(state, epfd);
    }
}
