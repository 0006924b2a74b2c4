package org.iolab.multiplexer;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.iolab.sys.Poll;
import org.iolab.sys.SyscallException;

/**
 * {@link Multiplexer} over {@code poll(2)}, level-triggered: a {@code struct pollfd} array in native
 * memory (entry 0 is the waker), handed whole to the kernel on every call and scanned whole
 * afterwards: no descriptor limit, still O(watched) per call.
 *
 * <p>Thread rule: as {@link Multiplexer}.
 */
public final class PollMultiplexer extends NativeMultiplexer {

    private MemorySegment fds;
    private int[] tokens;
    /** {@code index[fd]}: the fd's entry in the array, -1 when absent. */
    private int[] index = new int[1024];
    private int count;

    public PollMultiplexer() throws SyscallException {
        Arrays.fill(index, -1);
        fds = arena.allocate(Poll.POLLFD_BYTES * 64, 8);
        tokens = new int[64];
        Poll.set(fds, 0, waker.fd(), Poll.POLLIN);
        count = 1;
    }

    @Override
    public Trigger trigger() {
        return Trigger.LEVEL;
    }

    @Override
    public String name() {
        return "poll";
    }

    private static short events(int interest) {
        return (short) (((interest & READ) != 0 ? Poll.POLLIN | Poll.POLLRDHUP : 0)
                | ((interest & WRITE) != 0 ? Poll.POLLOUT : 0));
    }

    @Override
    public void register(int fd, int token, int interest) {
        if (fd >= index.length) {
            int old = index.length;
            index = Arrays.copyOf(index, Math.max(fd + 1, old * 2));
            Arrays.fill(index, old, index.length, -1);
        }
        if (index[fd] >= 0) {
            throw new IllegalStateException("descriptor " + fd + " is already registered");
        }
        if (count == tokens.length) {
            MemorySegment bigger = arena.allocate(Poll.POLLFD_BYTES * count * 2, 8);
            bigger.copyFrom(fds.asSlice(0, Poll.POLLFD_BYTES * count));
            fds = bigger; // the old array stays in the arena until close: at most as much again
            tokens = Arrays.copyOf(tokens, count * 2);
        }
        Poll.set(fds, count, fd, events(interest));
        tokens[count] = token;
        index[fd] = count++;
    }

    @Override
    public void modify(int fd, int token, int interest) {
        int i = index[fd];
        Poll.setEvents(fds, i, events(interest));
        tokens[i] = token;
    }

    @Override
    public void deregister(int fd) {
        if (fd < 0 || fd >= index.length || index[fd] < 0) {
            return;
        }
        int i = index[fd];
        int last = --count;
        if (i != last) {
            int lastFd = Poll.fd(fds, last);
            Poll.set(fds, i, lastFd, Poll.events(fds, last));
            tokens[i] = tokens[last];
            index[lastFd] = i;
        }
        index[fd] = -1;
    }

    @Override
    public int waitFor(ReadyEvents events, long timeoutMillis) throws IOException {
        events.clear();
        int n = ready("poll", Poll.poll(state, fds, count, (int) Math.min(timeoutMillis, Integer.MAX_VALUE)));
        if (n == 0) {
            return 0;
        }
        if (Poll.revents(fds, 0) != 0) {
            waker.drain();
        }
        for (int i = 1; i < count && events.size() < events.capacity(); i++) {
            int r = Poll.revents(fds, i);
            if (r == 0) {
                continue;
            }
            events.add(tokens[i], readiness((r & (Poll.POLLIN | Poll.POLLRDHUP)) != 0, (r & Poll.POLLOUT) != 0,
                    (r & (Poll.POLLERR | Poll.POLLHUP | Poll.POLLNVAL | Poll.POLLRDHUP)) != 0));
        }
        return events.size();
    }

}
