package org.iolab.apps.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.iolab.engine.support.Threads;

/**
 * The {@code Date} field's value in the one form a sender must use, IMF-fixdate (RFC 9110
 * 5.6.7): {@code Sun, 06 Nov 1994 08:49:37 GMT}, the day of the month always two digits, names
 * in English. Made once a second and shared by every connection, as TechEmpower's plaintext
 * test asks.
 *
 * <p>Made by a daemon thread of its own ({@code iolab-http-date}, started with the class), just
 * after each second begins, never by a request: an answer reads one field. A request that looked
 * at the clock itself would run, once a second, a branch the JIT had pruned from the whole
 * request path as never taken: the compiled path thrown away and compiled again every second,
 * measured here as request paths now 1.0x, now 1.7x as slow from one JVM to the next
 * (HttpPlaintextBenchmark's forks; {@code -Xlog:deoptimization=debug} shows the trap each second).
 *
 * <p>Thread rule: any thread.
 */
public final class HttpDate {

    /** IMF-fixdate. (The JDK's RFC_1123_DATE_TIME writes a one-digit day as one digit: obsolete rfc1123-date, which a sender must not.) */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private static volatile byte[] text = bytes(System.currentTimeMillis() / 1000);

    static {
        Thread.ofPlatform().daemon().name("iolab-http-date").start(HttpDate::tick);
    }

    private HttpDate() {
    }

    /** The current second as IMF-fixdate, ASCII bytes (shared: do not change them; a new array each second). */
    public static byte[] now() {
        return text;
    }

    /** {@code epochSecond} as IMF-fixdate. */
    public static String format(long epochSecond) {
        return IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC));
    }

    private static byte[] bytes(long epochSecond) {
        return format(epochSecond).getBytes(StandardCharsets.US_ASCII);
    }

    /** The thread's: sleeps to just past each second's start, then makes that second's text. */
    private static void tick() {
        while (Threads.sleep(1000 - System.currentTimeMillis() % 1000)) {
            byte[] next = bytes(System.currentTimeMillis() / 1000); // the same second again if the clock was set back: the next turn is a short one
            if (!java.util.Arrays.equals(next, text)) {
                text = next;
            }
        }
    }
}
