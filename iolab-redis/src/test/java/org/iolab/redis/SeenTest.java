package org.iolab.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.StreamEntryID;
import org.junit.jupiter.api.Test;

/** A line added twice (a batch sent again after a connection failed under it) is delivered once, in order. */
class SeenTest {

    private static Line line(long id, String origin, long seq) {
        return new Line(new StreamEntryID(id, 0), origin, seq, (origin + seq).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aRetriedBatchsCopiesAreSkippedAndEachOriginCountsOnItsOwn() {
        Seen seen = new Seen();
        // a5 a6 made it, the connection failed, the batch a5 a6 a7 was sent again; b's lines in between
        List<Line> stream = List.of(line(1, "a", 5), line(2, "a", 6), line(3, "b", 1), line(4, "a", 5),
                line(5, "a", 6), line(6, "a", 7), line(7, "b", 2));
        List<String> delivered = new ArrayList<>();
        for (Line l : stream) {
            if (seen.first(l)) {
                delivered.add(l.origin() + l.seq());
            }
        }
        assertThat(delivered).containsExactly("a5", "a6", "b1", "a7", "b2");
    }

    /** Numbers skipped over are lines this server never read (trimmed, or lost by the store); a new origin has none. */
    @Test
    void aNumberMoreThanOneAboveItsOriginsHighestCountsTheLinesSkipped() {
        Seen seen = new Seen();
        assertThat(seen.first(line(1, "a", 40))).isTrue();
        assertThat(seen.first(line(2, "b", 1))).isTrue();
        assertThat(seen.takeMissed()).as("first heard of").isZero();
        assertThat(seen.first(line(3, "a", 41))).isTrue();
        assertThat(seen.takeMissed()).isZero();
        assertThat(seen.first(line(4, "a", 45))).isTrue();
        assertThat(seen.first(line(5, "b", 3))).isTrue();
        assertThat(seen.takeMissed()).isEqualTo(3 + 1);
        assertThat(seen.first(line(6, "a", 44))).as("a late copy is no gap").isFalse();
        assertThat(seen.takeMissed()).isZero();
    }

    @Test
    void anEntryWithoutTheFieldsOfALineIsLeftOut() {
        byte[] id = "1-0".getBytes(StandardCharsets.US_ASCII);
        Object reply = List.of(List.of(id, List.of("x".getBytes(StandardCharsets.US_ASCII), "y".getBytes(StandardCharsets.US_ASCII))),
                List.of(id, List.of("o".getBytes(StandardCharsets.US_ASCII), "a".getBytes(StandardCharsets.US_ASCII),
                        "n".getBytes(StandardCharsets.US_ASCII), "3".getBytes(StandardCharsets.US_ASCII),
                        "l".getBytes(StandardCharsets.US_ASCII), "hi\n".getBytes(StandardCharsets.US_ASCII))));
        List<Line> lines = Line.entries(reply);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().origin()).isEqualTo("a");
        assertThat(lines.getFirst().seq()).isEqualTo(3);
        assertThat(new String(lines.getFirst().text(), StandardCharsets.US_ASCII)).isEqualTo("hi\n");
    }
}
