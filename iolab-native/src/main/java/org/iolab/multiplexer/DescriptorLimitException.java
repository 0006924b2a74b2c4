package org.iolab.multiplexer;

import java.io.IOException;

/** A poller cannot watch this descriptor: select's fd_set stops at FD_SETSIZE (1024). */
public final class DescriptorLimitException extends IOException {

    private final int fd;

    public DescriptorLimitException(String mechanism, int fd, int limit) {
        super(mechanism + " cannot watch descriptor " + fd + ": descriptors must be below " + limit);
        this.fd = fd;
    }

    public int fd() {
        return fd;
    }
}
