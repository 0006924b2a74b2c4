package org.iolab.engine.support;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logging for the engines' own threads, which must never die of it: a log call never throws
 * (out of descriptors, formatting a timestamp makes the JDK open its time-zone file lazily, and
 * the {@code Error} that follows would end an event loop), and repeated events are rate-limited
 * per kind, with a count of what was held back: warnings and errors at most one line a second,
 * connection events ({@link #event}, the verbose level) at most {@value #EVENTS_PER_SECOND}.
 * A level that is off costs one {@code isLoggable} call.
 *
 * <pre>{@code
 * SafeLog.warn(LOG, "accept", () -> "accept failed: " + e);
 * }</pre>
 *
 * <p>Thread rule: every method is safe from any thread.
 */
public final class SafeLog {

    /** Connection events a second, per kind, before they are held back and counted. */
    public static final int EVENTS_PER_SECOND = 20;

    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private static final ConcurrentHashMap<String, Window> WINDOWS = new ConcurrentHashMap<>();
    private static final AtomicLong FAILURES = new AtomicLong();

    /** One kind's rate limit: the current second, the lines it has logged, what it held back. */
    private static final class Window {
        long start = System.nanoTime() - INTERVAL_NANOS;
        int used;
        long held;

        /** The count held back since the last line (0 or more), or -1 when this line must be held back too. */
        synchronized long admit(long now, int perSecond) {
            if (now - start >= INTERVAL_NANOS) {
                start = now;
                used = 0;
            }
            if (used >= perSecond) {
                held++;
                return -1;
            }
            used++;
            long h = held;
            held = 0;
            return h;
        }
    }

    private SafeLog() {
    }

    /** A message, made only when it is logged. */
    @FunctionalInterface
    public interface Message {
        String text();
    }

    /** Logs at WARNING, at most once a second for {@code kind}. */
    public static void warn(System.Logger logger, String kind, Message message) {
        log(logger, Level.WARNING, kind, 1, message, null);
    }

    /**
     * Logs a connection event (a connect, a disconnect, a timeout) at DEBUG, the verbose level:
     * at most {@value #EVENTS_PER_SECOND} lines a second for {@code kind}.
     */
    public static void event(System.Logger logger, String kind, Message message) {
        log(logger, Level.DEBUG, kind, EVENTS_PER_SECOND, message, null);
    }

    /**
     * Logs at {@code level}, at most once a second for {@code kind} (the line then says how many
     * were held back), with {@code thrown} if not null. Never throws.
     */
    public static void log(System.Logger logger, Level level, String kind, Message message, Throwable thrown) {
        log(logger, level, kind, 1, message, thrown);
    }

    private static void log(System.Logger logger, Level level, String kind, int perSecond, Message message,
                            Throwable thrown) {
        try {
            if (!logger.isLoggable(level)) {
                return;
            }
            long held = WINDOWS.computeIfAbsent(kind, k -> new Window()).admit(System.nanoTime(), perSecond);
            if (held < 0) {
                return;
            }
            String text = message.text() + (held > 0 ? " (and " + held + " more like it held back)" : "");
            if (thrown == null) {
                logger.log(level, text);
            } else {
                logger.log(level, text, thrown);
            }
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
            lastResort(kind, t);
        }
    }

    /**
     * A kind of its own for each distinct failure: {@code prefix}, the exception's class and
     * where it was thrown. Rate-limited by it, one bug's repeats are held back and a second bug
     * is still logged in the same second.
     */
    public static String kindOf(String prefix, Throwable failure) {
        StackTraceElement[] at = failure.getStackTrace();
        return prefix + ":" + failure.getClass().getName() + "@" + (at.length > 0 ? at[0] : "?");
    }

    /** Log calls that failed (and were written raw to stderr instead, where that worked). */
    public static long failures() {
        return FAILURES.get();
    }

    /** Writes to descriptor 2 directly: no formatter, no file to open. */
    private static void lastResort(String kind, Throwable failure) {
        try {
            String line = "iolab: could not log a '" + kind + "' event: " + failure + "\n";
            new FileOutputStream(FileDescriptor.err).write(line.getBytes(StandardCharsets.UTF_8));
        } catch (Throwable ignored) {
            // nothing is left to tell
        }
    }
}
