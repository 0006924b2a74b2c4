package org.iolab.engine.support;

import org.iolab.server.ServerStats;

/**
 * What every engine does when {@code accept} fails: count it, say so (rate-limited), and, out
 * of descriptors (EMFILE, ENFILE), free the {@link DescriptorReserve} to accept and close what is
 * pending so those clients see a clean end; when that is not possible, or for other errors
 * (ENOBUFS, ENOMEM), stop accepting for {@link #PAUSE_MILLIS} instead of spinning on a listening
 * socket that stays ready. Thread rule: stateless.
 */
public final class AcceptErrors {

    /** How long accepting pauses after a failed accept. */
    public static final long PAUSE_MILLIS = 1000;

    private static final System.Logger LOG = System.getLogger(AcceptErrors.class.getName());

    private AcceptErrors() {
    }

    /** Counts and logs (at most once a second) a failed accept. */
    public static void record(ServerStats stats, Object error) {
        stats.onAcceptError();
        SafeLog.warn(LOG, "accept", () -> "accept failed: " + error);
    }

    /** Whether the failure is the process (EMFILE) or the system (ENFILE) out of descriptors. */
    public static boolean outOfDescriptors(Object error) {
        String s = String.valueOf(error instanceof Throwable t ? t.getMessage() : error);
        return s.contains("Too many open files") || s.startsWith("EMFILE") || s.startsWith("ENFILE");
    }

    /** Counts and logs (at most once a second) connections closed at once for want of descriptors. */
    public static void closedForWantOfDescriptors(ServerStats stats, int n) {
        for (int i = 0; i < n; i++) {
            stats.onRejected();
        }
        SafeLog.warn(LOG, "out-of-descriptors", () -> "out of descriptors: " + n
                + " pending connection(s) accepted on the reserve descriptor and closed at once");
    }
}
