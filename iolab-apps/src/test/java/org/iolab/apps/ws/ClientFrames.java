package org.iolab.apps.ws;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Frames as a WebSocket client writes them (RFC 6455 5.2), for tests: masked with a random key
 * unless a test wants a broken one, lengths of 7, 16 or 64 bits as the payload needs; and the
 * header of a server's frame read back. Shared by the RFC suite here and the contract suite in
 * iolab-testkit (this module's test-jar).
 *
 * <p>Thread rule: one {@link Random} per caller.
 */
public final class ClientFrames {

    private ClientFrames() {
    }

    /** A frame: {@code fin}, {@code opcode}, {@code payload}, masked unless {@code masked} is false. */
    public static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked, Random random) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | opcode);
        int m = masked ? 0x80 : 0;
        if (payload.length < 126) {
            f.write(m | payload.length);
        } else if (payload.length < 65536) {
            f.write(m | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(m | 127);
            for (int s = 56; s >= 0; s -= 8) {
                f.write((int) ((long) payload.length >>> s));
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        if (masked) {
            f.write(mask, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            f.write(masked ? payload[i] ^ mask[i & 3] : payload[i]);
        }
        return f.toByteArray();
    }

    /** A server's close frame's code: 1005 for a payload without one. */
    public static int closeCode(byte[] payload) {
        return payload.length < 2 ? 1005 : (payload[0] & 0xff) << 8 | (payload[1] & 0xff);
    }
}
