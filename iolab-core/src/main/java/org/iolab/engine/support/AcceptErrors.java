package org.iolab.engine.support;

import org.iolab.server.ServerStats;

/**
 * What every engine does when {@code accept} fails (EMFILE, ENFILE, ENOBUFS): count it, say so,
 * and stop accepting for {@link #PAUSE_MILLIS} instead of spinning on a listening socket that
 * stays ready. Thread rule: stateless.
 */
public final class AcceptErrors {

    /** How long accepting pauses after a failed accept. */
    public static final long PAUSE_MILLIS = 1000;

    private static final System.Logger LOG = System.getLogger(AcceptErrors.class.getName());

    private AcceptErrors() {
    }

    /** Counts and logs a failed accept; the caller then pauses accepting for {@link #PAUSE_MILLIS}. */
    public static void record(ServerStats stats, Object error) {
        stats.onAcceptError();
        LOG.log(System.Logger.Level.WARNING, "accept failed, pausing accepts for " + PAUSE_MILLIS + " ms: " + error);
    }
}
