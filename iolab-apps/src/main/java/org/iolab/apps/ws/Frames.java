package org.iolab.apps.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A server's frames (RFC 6455 5.2), unmasked as a server's must be: the header, then the
 * payload, in one buffer, so a frame leaves in one write.
 *
 * <p>Thread rule: stateless.
 */
final class Frames {

    private Frames() {
    }

    /** The header's length for a payload of {@code n} bytes: 2, 4 or 10. */
    static int headerLength(long n) {
        return n < 126 ? 2 : n < 65536 ? 4 : 10;
    }

    /** Writes a final frame's header of {@code opcode} for {@code n} payload bytes at {@code at}; its end. */
    static int header(byte[] into, int at, int opcode, long n) {
        into[at++] = (byte) (0x80 | opcode);
        if (n < 126) {
            into[at++] = (byte) n;
        } else if (n < 65536) {
            into[at++] = 126;
            into[at++] = (byte) (n >>> 8);
            into[at++] = (byte) n;
        } else {
            into[at++] = 127;
            for (int shift = 56; shift >= 0; shift -= 8) {
                into[at++] = (byte) (n >>> shift);
            }
        }
        return at;
    }

    /** One final frame of {@code opcode} carrying {@code payload}'s remaining bytes (consumed). */
    static ByteBuffer frame(int opcode, ByteBuffer payload) {
        int n = payload.remaining();
        byte[] b = new byte[headerLength(n) + n];
        int at = header(b, 0, opcode, n);
        payload.get(b, at, n);
        return ByteBuffer.wrap(b);
    }

    /** A text frame of {@code text}. */
    static ByteBuffer text(String text) {
        return frame(FrameDecoder.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A close frame: {@code code} (none for 1005) and a reason cut to fit 125 bytes. */
    static ByteBuffer close(int code, String reason) {
        if (code == 1005) {
            return frame(FrameDecoder.CLOSE, ByteBuffer.allocate(0));
        }
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(r.length, 123);
        while (n > 0 && n < r.length && (r[n] & 0xc0) == 0x80) {
            n--; // never cut inside a character
        }
        ByteBuffer p = ByteBuffer.allocate(2 + n).putShort((short) code).put(r, 0, n).flip();
        return frame(FrameDecoder.CLOSE, p);
    }
}
