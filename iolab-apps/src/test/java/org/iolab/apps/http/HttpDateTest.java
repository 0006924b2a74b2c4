package org.iolab.apps.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared Date value: the current second, made by its own thread, never by a request. */
class HttpDateTest {

    @Test
    void theDateIsTheCurrentSecondAndMovesOnByItself() throws InterruptedException {
        byte[] first = HttpDate.now();
        long shown = epochSecond(first);
        long now = System.currentTimeMillis() / 1000;
        assertThat(shown).as("within a second of the clock (the refresh may be a moment late)").isBetween(now - 1, now);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (HttpDate.now() == first && System.nanoTime() < deadline) { // bounded: 5 s for a 1 s tick
            Thread.sleep(10);
        }
        byte[] next = HttpDate.now();
        assertThat(next).as("a new second's text, without a request asking").isNotSameAs(first);
        assertThat(epochSecond(next)).isGreaterThan(shown);
    }

    private static long epochSecond(byte[] date) {
        return ZonedDateTime.parse(new String(date, StandardCharsets.US_ASCII), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
    }
}
