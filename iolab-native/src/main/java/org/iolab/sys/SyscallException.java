package org.iolab.sys;

import java.io.IOException;

/** A system call failed: names the errno and the call, as in {@code EMFILE accept4}. */
public final class SyscallException extends IOException {

    private final int errno;
    private final String call;

    public SyscallException(String call, int errno) {
        super(Errno.name(errno) + " " + call);
        this.errno = errno;
        this.call = call;
    }

    public int errno() {
        return errno;
    }

    public String call() {
        return call;
    }
}
