package org.iolab.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UpperTest {

    private static byte reference(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
    }

    @Test
    void everyByteValueInEveryLanePosition() {
        for (int lane = 0; lane < 8; lane++) {
            for (int v = 0; v < 256; v++) {
                byte[] in = new byte[8];
                java.util.Arrays.fill(in, (byte) 'q');
                in[lane] = (byte) v;
                ByteBuffer buf = ByteBuffer.wrap(in.clone());
                Upper.inPlace(buf);
                for (int i = 0; i < 8; i++) {
                    assertThat(buf.get(i)).as("lane %d value %d at %d", lane, v, i).isEqualTo(reference(in[i]));
                }
            }
        }
    }

    @Test
    void randomBuffersOfEveryAlignmentMatchTheReference() {
        Random r = new Random(1);
        for (int round = 0; round < 500; round++) {
            byte[] in = new byte[r.nextInt(100)];
            r.nextBytes(in);
            int start = in.length == 0 ? 0 : r.nextInt(in.length);
            ByteBuffer buf = (round % 2 == 0 ? ByteBuffer.allocate(in.length) : ByteBuffer.allocateDirect(in.length));
            buf.put(in).position(start);
            Upper.inPlace(buf);
            assertThat(buf.position()).isEqualTo(start);
            for (int i = 0; i < in.length; i++) {
                assertThat(buf.get(i)).isEqualTo(i < start ? in[i] : reference(in[i]));
            }
        }
    }
}
