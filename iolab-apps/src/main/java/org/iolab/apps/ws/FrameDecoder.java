package org.iolab.apps.ws;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A server's side of RFC 6455's framing (section 5), fed whatever each read brought: frames
 * unmasked in place and messages put together from their fragments, control frames between
 * them, every rule a server MUST enforce checked as the bytes arrive, each failure with its
 * close code (section 7.4.1):
 *
 * <ul>
 * <li>1002, a protocol error: an unmasked client frame (5.1), reserved bits set with no extension
 *     (5.2), an unknown opcode, a length with its top bit set (2^63 and up, 5.2), a control frame
 *     fragmented or longer than 125 bytes (5.5), a continuation with no message begun or a new
 *     message inside one (5.4), a close frame of one byte or with a code no one may send (7.4).
 * <li>1007: a text message (or a close reason) that is not UTF-8, at its first bad byte (8.1).
 * <li>1009: a message longer than the limit.
 * </ul>
 *
 * A frame that arrives whole in one read, not part of a fragmented message, is handed over
 * where it lies (no copy); a fragmented or split message is copied into one buffer, grown up to
 * the limit.
 *
 * <p>Thread rule: one per connection, fed from its callbacks.
 */
final class FrameDecoder {

    /** What the frames say. */
    interface Frames {
        /** A whole message (valid during the call). */
        void message(boolean text, ByteBuffer payload);

        void ping(ByteBuffer payload);

        void pong(ByteBuffer payload);

        /** A close frame: its code (1005 for none) and reason. */
        void close(int code, ByteBuffer reason);

        /** The peer broke the protocol: close with {@code code}. */
        void fail(int code, String why);
    }

    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 10;

    private final int maxMessage;
    private final byte[] header = new byte[14];
    private int headerHave;
    private int opcode;
    private boolean fin;
    private long left;            // payload bytes of this frame still to come
    private final byte[] mask = new byte[4];
    private int maskAt;           // the mask's index of the next payload byte
    private boolean inPayload;
    private int messageType;      // TEXT or BINARY while a message is open, else 0
    private byte[] message = new byte[256];
    private int messageLength;
    private boolean direct;       // this frame's payload is handed over where it lies
    private final byte[] control = new byte[125];
    private int controlLength;
    private final Utf8Validator utf8 = new Utf8Validator();
    private boolean done;

    /** @param maxMessage the longest message taken (1009 past it) */
    FrameDecoder(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    /** Whether a frame has begun and is not complete: what the stalled-frame deadline times. */
    boolean inFrame() {
        return headerHave > 0 || inPayload;
    }

    /** Consumes {@code data}; {@code false} once a close frame came or the peer failed (nothing more is read). */
    boolean feed(ByteBuffer data, Frames f) {
        while (data.hasRemaining() && !done) {
            if (!inPayload) {
                if (!header(data, f)) {
                    break;
                }
                continue;
            }
            int n = (int) Math.min(left, data.remaining());
            payload(data, n, f);
            if (!done && left == 0) {
                frameEnd(f);
            }
        }
        if (done) {
            data.position(data.limit());
        }
        return !done;
    }

    /** Takes header bytes; {@code true} once the header is whole and checked. */
    private boolean header(ByteBuffer data, Frames f) {
        while (data.hasRemaining()) {
            header[headerHave++] = data.get();
            if (headerHave == 2 && !firstTwo(f)) {
                return false;
            }
            if (headerHave >= 2 && headerHave == headerLength()) {
                return whole(f);
            }
        }
        return false;
    }

    private int headerLength() {
        int len7 = header[1] & 0x7f;
        return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + 4;
    }

    /** The first two bytes, checked at once. */
    private boolean firstTwo(Frames f) {
        int b0 = header[0] & 0xff;
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0f;
        if ((b0 & 0x70) != 0) {
            return fail(f, 1002, "reserved bits set, and no extension was agreed");
        }
        boolean controlFrame = opcode >= 8;
        if (opcode != 0 && opcode != TEXT && opcode != BINARY && opcode != CLOSE && opcode != PING && opcode != PONG) {
            return fail(f, 1002, "unknown opcode " + opcode);
        }
        if ((header[1] & 0x80) == 0) {
            return fail(f, 1002, "a client's frame must be masked");
        }
        if (controlFrame && (!fin || (header[1] & 0x7f) > 125)) {
            return fail(f, 1002, !fin ? "a control frame may not be fragmented" : "a control frame's payload is 125 bytes at most");
        }
        if (!controlFrame && (opcode == 0) == (messageType == 0)) {
            return fail(f, 1002, opcode == 0 ? "a continuation with no message begun" : "a new message inside a fragmented one");
        }
        return true;
    }

    /** The whole header: its length and mask. */
    private boolean whole(Frames f) {
        int len7 = header[1] & 0x7f;
        int at = 2;
        long length = len7;
        if (len7 == 126) {
            length = (header[2] & 0xffL) << 8 | (header[3] & 0xffL);
            at = 4;
        } else if (len7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = length << 8 | (header[i] & 0xffL);
            }
            if (length < 0) {
                return fail(f, 1002, "a payload length with its top bit set");
            }
            at = 10;
        }
        System.arraycopy(header, at, mask, 0, 4);
        headerHave = 0;
        maskAt = 0;
        left = length;
        inPayload = true;
        controlLength = 0;
        if (opcode >= 8) {
            direct = false;
        } else {
            if (opcode != 0) {
                messageType = opcode;
                messageLength = 0;
                utf8.reset();
            }
            if (messageLength + length > maxMessage) {
                return fail(f, 1009, "a message longer than " + maxMessage + " bytes");
            }
            direct = fin && opcode != 0; // a whole message in one frame: handed over where it lies, if it all came
        }
        if (length == 0) {
            frameEnd(f);
        }
        return true;
    }

    /** {@code n} payload bytes of {@code data}: unmasked in place, checked, kept or handed over. */
    private void payload(ByteBuffer data, int n, Frames f) {
        int from = data.position();
        for (int i = from; i < from + n; i++) {
            data.put(i, (byte) (data.get(i) ^ mask[maskAt++ & 3]));
        }
        if (opcode >= 8) {
            data.get(control, controlLength, n);
            controlLength += n;
            left -= n;
            return;
        }
        if (messageType == TEXT) {
            for (int i = from; i < from + n; i++) {
                if (!utf8.next(data.get(i))) {
                    fail(f, 1007, "a text message that is not UTF-8");
                    return;
                }
            }
        }
        if (direct && n == left && messageLength == 0) { // the whole payload is here
            left = 0;
            ByteBuffer view = data.slice(from, n);
            data.position(from + n);
            messageEnd(f, view);
            return;
        }
        direct = false;
        if (messageLength + n > message.length) {
            message = Arrays.copyOf(message, Math.max(messageLength + n, Math.min(maxMessage, message.length * 2)));
        }
        data.get(message, messageLength, n);
        messageLength += n;
        left -= n;
    }

    /** A frame's payload is all here (a direct one was handed over already). */
    private void frameEnd(Frames f) {
        inPayload = false;
        switch (opcode) {
            case PING -> f.ping(ByteBuffer.wrap(control, 0, controlLength));
            case PONG -> f.pong(ByteBuffer.wrap(control, 0, controlLength));
            case CLOSE -> closeFrame(f);
            default -> {
                if (fin && messageType != 0) {
                    messageEnd(f, ByteBuffer.wrap(message, 0, messageLength));
                }
            }
        }
    }

    private void messageEnd(Frames f, ByteBuffer payload) {
        inPayload = false;
        if (messageType == TEXT && !utf8.whole()) {
            fail(f, 1007, "a text message that ends inside a character");
            return;
        }
        boolean text = messageType == TEXT;
        messageType = 0;
        messageLength = 0;
        f.message(text, payload);
    }

    private void closeFrame(Frames f) {
        done = true;
        if (controlLength == 1) {
            f.fail(1002, "a close frame with one byte of payload");
            return;
        }
        if (controlLength == 0) {
            f.close(1005, ByteBuffer.allocate(0));
            return;
        }
        int code = (control[0] & 0xff) << 8 | (control[1] & 0xff);
        if (!sendable(code)) {
            f.fail(1002, "close code " + code + " may not be sent");
            return;
        }
        Utf8Validator reason = new Utf8Validator();
        for (int i = 2; i < controlLength; i++) {
            if (!reason.next(control[i])) {
                f.fail(1007, "a close reason that is not UTF-8");
                return;
            }
        }
        if (!reason.whole()) {
            f.fail(1007, "a close reason that is not UTF-8");
            return;
        }
        f.close(code, ByteBuffer.wrap(control, 2, controlLength - 2));
    }

    /** The codes an endpoint may send (RFC 6455 7.4.1 and 7.4.2; the IANA registry's 1012-1014 too). */
    static boolean sendable(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    private boolean fail(Frames f, int code, String why) {
        done = true;
        f.fail(code, why);
        return false;
    }
}
