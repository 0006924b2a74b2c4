package org.iolab.apps.http;

import org.iolab.engine.support.SafeLog;

/**
 * The log line for a route that failed: each distinct failure (its exception's class and where
 * it was thrown) is logged at least once, with its stack trace; repeats of the same one are
 * held back to a line a second, with a count, so one bug cannot flood the log nor hide another.
 *
 * <p>Thread rule: any thread; {@link #aborted}, the sink's connection's.
 */
public final class RouteFailures {

    private static final System.Logger LOG = System.getLogger("org.iolab.apps.http");

    private RouteFailures() {
    }

    /** Tells {@code sink} its body will not end (for the framings, HTTP/1.1's and HTTP/2's); what it throws is logged. */
    public static void aborted(BodyHandler.Sink sink) {
        try {
            sink.aborted();
        } catch (Exception | StackOverflowError e) {
            log(LOG, e);
        }
    }

    static void log(System.Logger log, Throwable cause) {
        SafeLog.log(log, System.Logger.Level.WARNING, SafeLog.kindOf("route-failed", cause),
                () -> "a route failed (its answer: 500, or cut off if it had begun): " + cause, cause);
    }
}
