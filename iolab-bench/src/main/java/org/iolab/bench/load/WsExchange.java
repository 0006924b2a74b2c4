package org.iolab.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The lab's load over WebSocket (RFC 6455), against the ws app or Netty's WebSocket peer: first
 * the opening handshake on each connection ({@link #preamble}, answered by 101), then the upper
 * echo's {@code size}-byte message as one masked text frame, answered by one unmasked frame of
 * the same bytes upper-cased, checked byte by byte, header and all. The mask is the same for
 * every frame: a server cannot tell (RFC 6455 asks clients for unpredictable masks to protect
 * proxies, and there is none on loopback).
 *
 * <p>Thread rule: immutable.
 */
final class WsExchange extends Exchange.Upper {

    private static final byte[] HANDSHAKE = ("GET /ws HTTP/1.1\r\nHost: iolab-lab\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SWITCHING = "HTTP/1.1 101 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    WsExchange(int size) {
        super(frame(letters(size, 0), true), frame(letters(size, 32), false), size);
    }

    /** A text frame of {@code payload} (up to 64 KiB), masked with {@link #MASK} as a client's, or not as a server's. */
    private static byte[] frame(byte[] payload, boolean masked) {
        int size = payload.length;
        if (size > 65535) {
            throw new IllegalArgumentException("the lab's WebSocket messages are up to 64 KiB, not " + size);
        }
        ByteBuffer f = ByteBuffer.allocate((size < 126 ? 2 : 4) + (masked ? 4 : 0) + size);
        f.put((byte) 0x81);
        int m = masked ? 0x80 : 0;
        if (size < 126) {
            f.put((byte) (m | size));
        } else {
            f.put((byte) (m | 126)).putShort((short) size);
        }
        if (masked) {
            f.put(MASK);
        }
        for (int i = 0; i < size; i++) {
            f.put((byte) (masked ? payload[i] ^ MASK[i & 3] : payload[i]));
        }
        return f.array();
    }

    @Override
    public ByteBuffer preamble() {
        return ByteBuffer.wrap(HANDSHAKE).asReadOnlyBuffer();
    }

    @Override
    public int preambleEnd(ByteBuffer in) {
        int end = in.limit();
        for (int i = in.position(); i + 3 < end; i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                if (i + 4 - in.position() < SWITCHING.length) {
                    return -2; // too short to be a 101
                }
                for (int j = 0; j < SWITCHING.length; j++) {
                    if (in.get(in.position() + j) != SWITCHING[j]) {
                        return -2; // refused
                    }
                }
                return i + 4 - in.position();
            }
        }
        return end - in.position() > 8192 ? -2 : -1;
    }
}
