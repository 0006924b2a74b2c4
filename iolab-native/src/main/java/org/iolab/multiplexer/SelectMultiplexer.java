package org.iolab.multiplexer;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.iolab.sys.Select;
import org.iolab.sys.SyscallException;

/**
 * {@link Multiplexer} over {@code select(2)}, level-triggered. Every call rebuilds both fd_sets from
 * the interest table and scans every registered descriptor afterwards: O(watched) per call.
 * Descriptors at or above {@link Select#FD_SETSIZE} are refused with
 * {@link DescriptorLimitException}.
 *
 * <p>Thread rule: as {@link Multiplexer}.
 */
public final class SelectMultiplexer extends NativeMultiplexer {

    private final MemorySegment readSet = arena.allocate(Select.FD_SET_BYTES, 8);
    private final MemorySegment writeSet = arena.allocate(Select.FD_SET_BYTES, 8);
    private final MemorySegment timeval = arena.allocate(Select.TIMEVAL);
    private final int[] tokens = new int[Select.FD_SETSIZE];
    private final int[] interests = new int[Select.FD_SETSIZE];
    /** Registered descriptors, dense; {@code slot[fd]} is the index in it, -1 when absent. */
    private final int[] registered = new int[Select.FD_SETSIZE];
    private final int[] slot = new int[Select.FD_SETSIZE];
    private int count;

    public SelectMultiplexer() throws SyscallException {
        Arrays.fill(slot, -1);
    }

    @Override
    public Trigger trigger() {
        return Trigger.LEVEL;
    }

    @Override
    public String name() {
        return "select";
    }

    @Override
    public void register(int fd, int token, int interest) throws IOException {
        if (fd < 0 || fd >= Select.FD_SETSIZE) {
            throw new DescriptorLimitException("select", fd, Select.FD_SETSIZE);
        }
        if (slot[fd] >= 0) {
            throw new IllegalStateException("descriptor " + fd + " is already registered");
        }
        slot[fd] = count;
        registered[count++] = fd;
        tokens[fd] = token;
        interests[fd] = interest;
    }

    @Override
    public void modify(int fd, int token, int interest) {
        tokens[fd] = token;
        interests[fd] = interest;
    }

    @Override
    public void deregister(int fd) {
        if (fd < 0 || fd >= Select.FD_SETSIZE || slot[fd] < 0) {
            return;
        }
        int i = slot[fd];
        int last = registered[--count];
        registered[i] = last;
        slot[last] = i;
        slot[fd] = -1;
    }

    @Override
    public int waitFor(ReadyEvents events, long timeoutMillis) throws IOException {
        events.clear();
        Select.zero(readSet);
        Select.zero(writeSet);
        Select.set(readSet, waker.fd());
        int max = waker.fd();
        for (int i = 0; i < count; i++) {
            int fd = registered[i];
            int in = interests[fd];
            if ((in & READ) != 0) {
                Select.set(readSet, fd);
            }
            if ((in & WRITE) != 0) {
                Select.set(writeSet, fd);
            }
            max = Math.max(max, fd);
        }
        MemorySegment tv = MemorySegment.NULL;
        if (timeoutMillis >= 0) {
            timeval.set(JAVA_LONG, 0, timeoutMillis / 1000);
            timeval.set(JAVA_LONG, 8, (timeoutMillis % 1000) * 1000);
            tv = timeval;
        }
        int n = ready("select", Select.select(state, max + 1, readSet, writeSet, tv));
        if (n == 0) {
            return 0;
        }
        if (Select.isSet(readSet, waker.fd())) {
            waker.drain();
        }
        for (int i = 0; i < count && events.size() < events.capacity(); i++) {
            int fd = registered[i];
            int ready = (Select.isSet(readSet, fd) ? READ : 0) | (Select.isSet(writeSet, fd) ? WRITE : 0);
            if (ready != 0) {
                events.add(tokens[fd], ready);
            }
        }
        return events.size();
    }

}
