package org.iolab.engine.iouring;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * What the kernel still holds, per descriptor: requests submitted and not yet finally completed
 * (a multishot request counts once, until the completion without {@code F_MORE}). A descriptor
 * that is retired is closed only when its count reaches zero, so its number can never be reused
 * while a completion for the old one may still arrive, and no memory a request may write to is
 * given back early.
 *
 * <p>Thread rule: the loop's thread only.
 */
final class InFlight {

    private int[] count = new int[1024];
    private boolean[] retired = new boolean[1024];
    private final IntConsumer close;
    private int total;

    /** @param close closes a descriptor once nothing of it is in flight */
    InFlight(IntConsumer close) {
        this.close = close;
    }

    void started(int fd) {
        grow(fd);
        count[fd]++;
        total++;
    }

    /** A request on {@code fd} finally completed. */
    void ended(int fd) {
        count[fd]--;
        total--;
        if (count[fd] == 0 && retired[fd]) {
            retired[fd] = false;
            close.accept(fd);
        }
    }

    /** The descriptor is done with: closed now if nothing is in flight, else when the last request ends. */
    void retire(int fd) {
        grow(fd);
        if (count[fd] == 0) {
            close.accept(fd);
        } else {
            retired[fd] = true;
        }
    }

    int of(int fd) {
        return fd < count.length ? count[fd] : 0;
    }

    /** Requests in flight on every descriptor. */
    int total() {
        return total;
    }

    /** Descriptors retired and still waiting for their requests. */
    int[] waiting() {
        int n = 0;
        int[] out = new int[retired.length];
        for (int fd = 0; fd < retired.length; fd++) {
            if (retired[fd]) {
                out[n++] = fd;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private void grow(int fd) {
        if (fd >= count.length) {
            int size = Math.max(fd + 1, count.length * 2);
            count = Arrays.copyOf(count, size);
            retired = Arrays.copyOf(retired, size);
        }
    }
}
