package org.iolab.poller;

import org.iolab.sys.Errno;
import org.iolab.sys.SyscallException;

/** The one rule every poller applies to its wait's result. Thread rule: stateless. */
final class Waits {

    private Waits() {
    }

    /** The number ready; 0 for an interrupted wait (EINTR); an exception naming the call otherwise. */
    static int ready(String call, int result) throws SyscallException {
        if (result >= 0) {
            return result;
        }
        if (-result == Errno.EINTR) {
            return 0;
        }
        throw new SyscallException(call, -result);
    }
}
