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
 * per kind, at most one line a second, with a count of what was held back.
 *
 * <pre>{@code
 * SafeLog.warn(LOG, "accept", () -> "accept failed: " + e);
 * }</pre>
 *
 * <p>Thread rule: every method is safe from any thread.
 */
public final class SafeLog {

    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private static final ConcurrentHashMap<String, Window> WINDOWS = new ConcurrentHashMap<>();
    private static final AtomicLong FAILURES = new AtomicLong();

    /** One kind's rate limit: when it may log next, and what it held back meanwhile. */
    private static final class Window {
        volatile long next;
        final AtomicLong held = new AtomicLong();
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
        log(logger, Level.WARNING, kind, message, null);
    }

    /**
     * Logs at {@code level}, at most once a second for {@code kind} (the line then says how many
     * were held back), with {@code thrown} if not null. Never throws.
     */
    public static void log(System.Logger logger, Level level, String kind, Message message, Throwable thrown) {
        try {
            Window w = WINDOWS.computeIfAbsent(kind, k -> new Window());
            long now = System.nanoTime();
            if (now - w.next < 0) {
                w.held.incrementAndGet();
                return;
            }
            w.next = now + INTERVAL_NANOS;
            long held = w.held.getAndSet(0);
            String text = message.text() + (held > 0 ? " (and " + held + " more like it in the last second)" : "");
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
