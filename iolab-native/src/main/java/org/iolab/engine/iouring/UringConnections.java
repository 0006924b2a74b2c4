package org.iolab.engine.iouring;

import java.util.Arrays;

/**
 * One io_uring loop's connections by descriptor, for the completions that name them by their
 * {@code user_data}'s low 32 bits. Grows to the largest descriptor seen.
 *
 * <p>Thread rule: the loop's thread only.
 */
final class UringConnections {

    private UringConnection[] byFd = new UringConnection[1024];

    /** The connection on {@code fd}, or {@code null}. */
    UringConnection get(int fd) {
        return fd >= 0 && fd < byFd.length ? byFd[fd] : null;
    }

    void put(int fd, UringConnection c) {
        if (fd >= byFd.length) {
            byFd = Arrays.copyOf(byFd, Math.max(fd + 1, byFd.length * 2));
        }
        byFd[fd] = c;
    }

    /** Forgets {@code fd}'s connection; returns it, or {@code null}. */
    UringConnection remove(int fd) {
        UringConnection c = get(fd);
        if (c != null) {
            byFd[fd] = null;
        }
        return c;
    }

    /** Aborts every connection (the loop is ending). */
    void abortAll() {
        for (UringConnection c : byFd) {
            if (c != null) {
                c.abort();
            }
        }
    }
}
