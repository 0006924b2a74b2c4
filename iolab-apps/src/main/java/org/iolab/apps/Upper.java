package org.iolab.apps;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Upper-cases ASCII {@code a-z} in place and leaves every other byte as it is, eight bytes at
 * a time (SWAR), because the transform runs on every byte the echo server moves.
 *
 * <p>For each byte {@code b} with the high bit clear, adding {@code 0x80 - 'a'} to its low seven
 * bits sets bit 7 when {@code b >= 'a'}, adding {@code 0x80 - 'z' - 1} sets it when
 * {@code b > 'z'}; neither sum carries into the next byte. Their XOR, masked by "high bit clear
 * in b", marks exactly the lower-case letters, and {@code mask >>> 2} is 0x20 in those bytes.
 *
 * <p>Thread rule: stateless.
 */
public final class Upper {

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;
    private static final long ADD_A = 0x1F1F1F1F1F1F1F1FL; // 0x80 - 'a'
    private static final long ADD_Z = 0x0505050505050505L; // 0x80 - 'z' - 1

    private Upper() {
    }

    /** Upper-cases the bytes between position and limit; position and limit are unchanged. */
    public static void inPlace(ByteBuffer buf) {
        int i = buf.position();
        int end = buf.limit();
        ByteOrder order = buf.order();
        buf.order(ByteOrder.nativeOrder());
        for (; i + 8 <= end; i += 8) {
            buf.putLong(i, word(buf.getLong(i)));
        }
        buf.order(order);
        for (; i < end; i++) {
            byte b = buf.get(i);
            if (b >= 'a' && b <= 'z') {
                buf.put(i, (byte) (b - 32));
            }
        }
    }

    /** Upper-cases the eight bytes of {@code x}. */
    static long word(long x) {
        long low = x & LOW7;
        long geA = low + ADD_A;
        long gtZ = low + ADD_Z;
        long mask = (geA ^ gtZ) & ~x & HIGH;
        return x - (mask >>> 2);
    }
}
