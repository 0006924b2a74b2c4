package org.iolab.apps.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date} header's value (IMF-fixdate, RFC 9110 5.6.7), made at most once a second
 * and shared by every connection, as TechEmpower's plaintext test asks.
 *
 * <p>Thread rule: any thread; a racing refresh only makes the same bytes twice.
 */
final class HttpDate {

    private record Stamp(long second, byte[] text) {
    }

    private static volatile Stamp stamp = new Stamp(-1, new byte[0]);

    private HttpDate() {
    }

    /** {@code Sun, 06 Nov 1994 08:49:37 GMT} for the current second. */
    static byte[] now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp s = stamp;
        if (s.second != second) {
            s = new Stamp(second, DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC)).getBytes(StandardCharsets.US_ASCII));
            stamp = s;
        }
        return s.text;
    }
}
