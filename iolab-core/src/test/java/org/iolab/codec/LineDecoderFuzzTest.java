package org.iolab.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzed: however the bytes are split, the decoder finds the same lines and fails at the same
 * point as when they come in one piece; no line holds a newline or exceeds the limit.
 * Regression inputs under {@code src/test/resources/org/iolab/codec/LineDecoderFuzzTestInputs}
 * run with every {@code ./iolab test}; {@code JAZZER_FUZZ=1} fuzzes (see docs/testing.md).
 */
class LineDecoderFuzzTest {

    private record Decoded(List<String> lines, boolean ok) {
    }

    private static Decoded decode(int max, byte[] input, int[] cuts) {
        LineDecoder d = new LineDecoder(max);
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        int from = 0;
        for (int cut : cuts) {
            ok &= d.feed(ByteBuffer.wrap(input, from, cut - from), l -> lines.add(Arrays.toString(l)));
            from = cut;
        }
        ok &= d.feed(ByteBuffer.wrap(input, from, input.length - from), l -> lines.add(Arrays.toString(l)));
        return new Decoded(lines, ok);
    }

    @FuzzTest(maxDuration = "5m")
    void anySplitDecodesTheSameLinesAsOnePiece(FuzzedDataProvider data) {
        int max = data.consumeInt(1, 40);
        byte[] input = data.consumeBytes(data.consumeInt(0, 2048));
        int[] cuts = new int[data.consumeInt(0, 16)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, input.length);
        }
        Arrays.sort(cuts);
        Decoded whole = decode(max, input, new int[0]);
        Decoded split = decode(max, input, cuts);
        assertThat(split).isEqualTo(whole);
        LineDecoder d = new LineDecoder(max);
        d.feed(ByteBuffer.wrap(input), line -> {
            assertThat(line.length).isLessThanOrEqualTo(max);
            for (byte b : line) {
                assertThat(b).isNotEqualTo((byte) '\n');
            }
        });
    }
}
