package org.iolab.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDecoderTest {

    private static final byte[] INPUT = "one\r\ntwo\n\nthree long line\nfour".getBytes(StandardCharsets.UTF_8);

    private static List<String> decode(LineDecoder d, byte[]... chunks) {
        List<String> out = new ArrayList<>();
        for (byte[] c : chunks) {
            d.feed(ByteBuffer.wrap(c), l -> out.add(new String(l, StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void everyTwoWaySplitGivesTheSameLines() {
        for (int i = 0; i <= INPUT.length; i++) {
            byte[] a = java.util.Arrays.copyOfRange(INPUT, 0, i);
            byte[] b = java.util.Arrays.copyOfRange(INPUT, i, INPUT.length);
            LineDecoder d = new LineDecoder(100);
            assertThat(decode(d, a, b)).as("split at " + i).containsExactly("one", "two", "", "three long line");
            assertThat(d.pending()).isEqualTo(4);
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameLines() {
        LineDecoder d = new LineDecoder(100);
        List<String> out = new ArrayList<>();
        for (byte b : INPUT) {
            d.feed(ByteBuffer.wrap(new byte[] {b}), l -> out.add(new String(l, StandardCharsets.UTF_8)));
        }
        assertThat(out).containsExactly("one", "two", "", "three long line");
    }

    @Test
    void aLineAtTheLimitPassesOneBeyondFailsWhateverTheSplit() {
        byte[] ok = ("x".repeat(10) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tooLong = ("x".repeat(11) + "\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= tooLong.length; i++) {
            LineDecoder d = new LineDecoder(10);
            assertThat(d.feed(ByteBuffer.wrap(ok), l -> { })).isTrue();
            boolean first = d.feed(ByteBuffer.wrap(java.util.Arrays.copyOfRange(tooLong, 0, i)), l -> { });
            boolean second = d.feed(ByteBuffer.wrap(java.util.Arrays.copyOfRange(tooLong, i, tooLong.length)), l -> { });
            assertThat(first && second).as("split at " + i).isFalse();
            assertThat(d.feed(ByteBuffer.wrap("a\n".getBytes(StandardCharsets.US_ASCII)), l -> { })).isFalse();
        }
    }

    @Test
    void linesBeforeAnOverlongOneInTheSameChunkAreDelivered() {
        LineDecoder d = new LineDecoder(5);
        List<String> out = new ArrayList<>();
        boolean ok = d.feed(ByteBuffer.wrap("hi\nthis is too long\n".getBytes(StandardCharsets.US_ASCII)),
                l -> out.add(new String(l, StandardCharsets.US_ASCII)));
        assertThat(ok).isFalse();
        assertThat(out).containsExactly("hi");
    }

    @Test
    void stopIgnoresTheRestOfTheChunk() {
        LineDecoder d = new LineDecoder(100);
        List<String> out = new ArrayList<>();
        d.feed(ByteBuffer.wrap("quit\nmore\n".getBytes(StandardCharsets.US_ASCII)), l -> {
            out.add(new String(l, StandardCharsets.US_ASCII));
            d.stop();
        });
        assertThat(out).containsExactly("quit");
    }
}
