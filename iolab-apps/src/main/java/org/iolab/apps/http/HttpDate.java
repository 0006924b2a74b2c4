package org.iolab.apps.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} field's value in the one form a sender must use, IMF-fixdate (RFC 9110
 * 5.6.7): {@code Sun, 06 Nov 1994 08:49:37 GMT}, the day of the month always two digits, names
 * in English. Made at most once a second and shared by every connection, as TechEmpower's
 * plaintext test asks.
 *
 * <p>Thread rule: any thread; a racing refresh only makes the same bytes twice.
 */
public final class HttpDate {

    /** IMF-fixdate. (The JDK's RFC_1123_DATE_TIME writes a one-digit day as one digit: obsolete rfc1123-date, which a sender must not.) */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private record Stamp(long second, byte[] text) {
    }

    private static volatile Stamp stamp = new Stamp(-1, new byte[0]);

    private HttpDate() {
    }

    /** The current second as IMF-fixdate, ASCII bytes (shared: do not change them). */
    public static byte[] now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp s = stamp;
        if (s.second != second) {
            s = new Stamp(second, format(second).getBytes(StandardCharsets.US_ASCII));
            stamp = s;
        }
        return s.text;
    }

    /** {@code epochSecond} as IMF-fixdate. */
    public static String format(long epochSecond) {
        return IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC));
    }
}
