package org.iolab.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Text split anywhere between reads decodes as if it came in one read. */
class ReplyDecoderTest {

    private static String decodeInPieces(byte[] bytes, int... cuts) {
        ReplyDecoder d = new ReplyDecoder();
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int cut : cuts) {
            byte[] piece = Arrays.copyOfRange(bytes, from, cut);
            out.append(d.decode(piece, piece.length));
            from = cut;
        }
        byte[] rest = Arrays.copyOfRange(bytes, from, bytes.length);
        return out.append(d.decode(rest, rest.length)).append(d.finish()).toString();
    }

    @Test
    void oneToFourByteCharactersSurviveEverySplitIntoTwoAndThree() {
        String text = "aé€𝄞 line\n".repeat(4);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i < bytes.length; i++) {
            assertThat(decodeInPieces(bytes, i)).as("split at %d", i).isEqualTo(text);
            for (int j = i + 1; j < Math.min(bytes.length, i + 5); j++) {
                assertThat(decodeInPieces(bytes, i, j)).as("split at %d and %d", i, j).isEqualTo(text);
            }
        }
    }

    @Test
    void twentyThousandAccentsReadSevenBytesAtATimeLoseNothing() {
        String text = "é".repeat(20_000);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ReplyDecoder d = new ReplyDecoder();
        StringBuilder out = new StringBuilder();
        for (int from = 0; from < bytes.length; from += 7) {
            byte[] piece = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + 7));
            out.append(d.decode(piece, piece.length));
        }
        assertThat(out.append(d.finish()).toString()).isEqualTo(text).doesNotContain("\uFFFD");
    }

    @Test
    void bytesThatAreNotUtf8AndACharacterCutShortByTheEndShowAsReplacements() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("ok ".getBytes(StandardCharsets.UTF_8));
        b.write(0xff);
        b.writeBytes(" é".getBytes(StandardCharsets.UTF_8));
        b.write(0xe2); // the first byte of a three-byte character, then the end
        assertThat(decodeInPieces(b.toByteArray(), 4)).isEqualTo("ok \uFFFD é\uFFFD");
    }
}
