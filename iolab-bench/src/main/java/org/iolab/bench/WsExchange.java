package org.iolab.bench;

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
final class WsExchange extends Exchange {

    private static final byte[] HANDSHAKE = ("GET /ws HTTP/1.1\r\nHost: iolab-lab\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SWITCHING = "HTTP/1.1 101 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private final int size;
    private final ByteBuffer request;
    private final ByteBuffer expected;

    WsExchange(int size) {
        if (size > 65535) {
            throw new IllegalArgumentException("the lab's WebSocket messages are up to 64 KiB, not " + size);
        }
        this.size = size;
        int header = size < 126 ? 2 : 4;
        ByteBuffer req = ByteBuffer.allocate(header + 4 + size);
        ByteBuffer exp = ByteBuffer.allocate(header + size);
        req.put((byte) 0x81);
        exp.put((byte) 0x81);
        if (size < 126) {
            req.put((byte) (0x80 | size));
            exp.put((byte) size);
        } else {
            req.put((byte) (0x80 | 126)).putShort((short) size);
            exp.put((byte) 126).putShort((short) size);
        }
        req.put(MASK);
        for (int i = 0; i < size; i++) {
            byte b = (byte) ('a' + i % 26);
            req.put((byte) (b ^ MASK[i & 3]));
            exp.put((byte) (b - 32));
        }
        this.request = req.flip().asReadOnlyBuffer();
        this.expected = exp.flip().asReadOnlyBuffer();
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

    @Override
    public ByteBuffer request() {
        return request.duplicate();
    }

    @Override
    public int messages() {
        return 1;
    }

    @Override
    public int payload() {
        return size;
    }

    @Override
    public int replyCapacity() {
        return expected.capacity();
    }

    @Override
    public Verdict check(ByteBuffer in) {
        if (in.remaining() < expected.capacity()) {
            return Verdict.INCOMPLETE;
        }
        return in.remaining() == expected.capacity() && in.equals(expected) ? Verdict.RIGHT : Verdict.WRONG;
    }
}
