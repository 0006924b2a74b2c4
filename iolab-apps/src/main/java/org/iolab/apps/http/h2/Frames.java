package org.iolab.apps.http.h2;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Every frame a server may receive, checked against RFC 9113 as it comes and acted on: the rules
 * of section 6 for each type (its stream, its length, its flags), the stream states of 5.1, and
 * the header block's own (CONTINUATION right after its HEADERS and on its stream, 6.10), each
 * breach the error the RFC names, of the connection or of its stream. Requests go to
 * {@link StreamStart} once their header block is whole.
 *
 * <p>Thread rule: its connection's callback thread.
 *
 * <p>Over 300 lines on purpose: RFC 9113's frame rules in one place, each type's checks beside
 * its reading; a request's start and a stream's output are apart.
 */
final class Frames implements FrameReader.Handler {

    private final Http2Connection c;
    private final StreamStart start;
    private boolean settingsSeen;
    /** The stream whose header block is coming, or 0. */
    private int blockStream;
    private int blockFlags;
    private boolean blockSelfDependent;
    private byte[] block = new byte[1024];
    private int blockLength;
    private int continuations;

    Frames(Http2Connection c, HpackDecoder decoder) {
        this.c = c;
        this.start = new StreamStart(c, decoder);
    }

    @Override
    public void frame(int type, int flags, int stream, byte[] buf, int from, int length) throws Http2Exception {
        if (blockStream != 0 && type != Http2.CONTINUATION) {
            throw protocol("a " + type + " frame inside a header block (6.10)");
        }
        if (!settingsSeen && type != Http2.SETTINGS) {
            throw protocol("the client's preface must be followed by SETTINGS (3.4)");
        }
        switch (type) {
            case Http2.DATA -> data(flags, stream, buf, from, length);
            case Http2.HEADERS -> headers(flags, stream, buf, from, length);
            case Http2.PRIORITY -> priority(stream, buf, from, length);
            case Http2.RST_STREAM -> rstStream(stream, length);
            case Http2.SETTINGS -> settings(flags, stream, buf, from, length);
            case Http2.PUSH_PROMISE -> throw protocol("a client cannot push (8.4)");
            case Http2.PING -> ping(flags, stream, buf, from, length);
            case Http2.GOAWAY -> goaway(stream, length);
            case Http2.WINDOW_UPDATE -> windowUpdate(stream, buf, from, length);
            case Http2.CONTINUATION -> continuation(flags, stream, buf, from, length);
            default -> { } // an unknown type is ignored (5.5)
        }
        if (c.output.stalled()) {
            c.defences.count("zeroWindowStall");
            throw Http2Exception.connection(Http2.ENHANCE_YOUR_CALM, "a window kept shut too long");
        }
    }

    private void data(int flags, int stream, byte[] buf, int from, int length) throws Http2Exception {
        if (stream == 0) {
            throw protocol("DATA on stream 0 (6.1)");
        }
        int pad = padding(flags, buf, from, length);
        int at = from + ((flags & Http2.PADDED) != 0 ? 1 : 0);
        int n = length - pad - ((flags & Http2.PADDED) != 0 ? 1 : 0);
        H2Stream s = c.streams.get(stream);
        if (s == null || s.remoteEnded) {
            c.output.received(null, length); // the connection's window still counts it
            if (stream > c.lastStreamId) {
                throw protocol("DATA on an idle stream (5.1)");
            }
            if (s == null && c.resetHere(stream)) {
                return; // sent before our RST_STREAM arrived
            }
            if (s == null) {
                c.resetUnknown(stream, Http2.STREAM_CLOSED);
            } else {
                c.resetByServer(s, Http2.STREAM_CLOSED, true);
            }
            return;
        }
        c.output.received(s, length);
        if (s.reset) {
            return;
        }
        boolean end = (flags & Http2.END_STREAM) != 0;
        c.defences.data(n, end);
        start.body(s, ByteBuffer.wrap(buf, at, n), end);
        if (!s.reset && !end) {
            c.output.giveBack(s, false);
        }
    }

    /** The padding of a PADDED frame (6.1): its length, checked against the frame's. */
    private static int padding(int flags, byte[] buf, int from, int length) throws Http2Exception {
        if ((flags & Http2.PADDED) == 0) {
            return 0;
        }
        if (length < 1) {
            throw Http2Exception.connection(Http2.FRAME_SIZE_ERROR, "a PADDED frame without its pad length");
        }
        int pad = buf[from] & 0xff;
        if (pad >= length) {
            throw protocol("padding as long as the frame or longer (6.1)");
        }
        return pad;
    }

    private void headers(int flags, int stream, byte[] buf, int from, int length) throws Http2Exception {
        if (stream == 0) {
            throw protocol("HEADERS on stream 0 (6.2)");
        }
        int pad = padding(flags, buf, from, length);
        int at = from + ((flags & Http2.PADDED) != 0 ? 1 : 0);
        int end = from + length - pad;
        blockSelfDependent = false;
        if ((flags & Http2.PRIORITY_FLAG) != 0) {
            if (end - at < 5) {
                throw Http2Exception.connection(Http2.FRAME_SIZE_ERROR, "HEADERS too short for its priority");
            }
            int dependency = ((buf[at] & 0x7f) << 24) | (buf[at + 1] & 0xff) << 16 | (buf[at + 2] & 0xff) << 8 | (buf[at + 3] & 0xff);
            blockSelfDependent = dependency == stream;
            at += 5;
        }
        blockStream = stream;
        blockFlags = flags;
        blockLength = 0;
        continuations = 0;
        append(buf, at, end - at);
        if ((flags & Http2.END_HEADERS) != 0) {
            blockDone();
        }
    }

    private void continuation(int flags, int stream, byte[] buf, int from, int length) throws Http2Exception {
        if (blockStream == 0 || stream != blockStream) {
            throw protocol("CONTINUATION not right after its HEADERS on its stream (6.10)");
        }
        if (++continuations > c.limits().maxContinuations()) {
            c.defences.count("continuationFlood");
            throw Http2Exception.connection(Http2.ENHANCE_YOUR_CALM, "a header block of too many CONTINUATION frames");
        }
        append(buf, from, length);
        if ((flags & Http2.END_HEADERS) != 0) {
            blockDone();
        }
    }

    private void append(byte[] buf, int from, int n) throws Http2Exception {
        if (blockLength + n > c.limits().maxHeaderBlock()) {
            c.defences.count("headerBlockTooLarge");
            throw Http2Exception.connection(Http2.ENHANCE_YOUR_CALM, "a header block over "
                    + c.limits().maxHeaderBlock() + " octets");
        }
        if (blockLength + n > block.length) {
            block = Arrays.copyOf(block, Math.max(blockLength + n, block.length * 2));
        }
        System.arraycopy(buf, from, block, blockLength, n);
        blockLength += n;
    }

    private void blockDone() throws Http2Exception {
        int stream = blockStream;
        blockStream = 0;
        start.headers(stream, (blockFlags & Http2.END_STREAM) != 0, blockSelfDependent, block, blockLength);
    }

    private void priority(int stream, byte[] buf, int from, int length) throws Http2Exception {
        if (stream == 0) {
            throw protocol("PRIORITY on stream 0 (6.3)");
        }
        if (length != 5) {
            streamError(stream, Http2.FRAME_SIZE_ERROR);
            return;
        }
        int dependency = ((buf[from] & 0x7f) << 24) | (buf[from + 1] & 0xff) << 16 | (buf[from + 2] & 0xff) << 8 | (buf[from + 3] & 0xff);
        if (dependency == stream) {
            streamError(stream, Http2.PROTOCOL_ERROR); // a stream cannot depend on itself (5.3.1)
        } // else: priorities are deprecated (5.3.2), and ignored
    }

    private void rstStream(int stream, int length) throws Http2Exception {
        if (length != 4) {
            throw Http2Exception.connection(Http2.FRAME_SIZE_ERROR, "RST_STREAM of " + length + " octets (6.4)");
        }
        if (stream == 0) {
            throw protocol("RST_STREAM on stream 0 (6.4)");
        }
        if (stream > c.lastStreamId) {
            throw protocol("RST_STREAM on an idle stream (5.1)");
        }
        c.defences.resetByPeer();
        H2Stream s = c.streams.get(stream);
        if (s != null) {
            c.resetByPeer(s);
        }
    }

    private void settings(int flags, int stream, byte[] buf, int from, int length) throws Http2Exception {
        if (stream != 0) {
            throw protocol("SETTINGS on a stream (6.5)");
        }
        if ((flags & Http2.ACK) != 0) {
            if (length != 0) {
                throw Http2Exception.connection(Http2.FRAME_SIZE_ERROR, "a SETTINGS ACK with a payload (6.5)");
            }
            return;
        }
        if (length % 6 != 0) {
            throw Http2Exception.connection(Http2.FRAME_SIZE_ERROR, "SETTINGS not a multiple of 6 octets (6.5)");
        }
        if (settingsSeen) {
            c.defences.controlFrame("settings");
        }
        settingsSeen = true;
        for (int at = from; at < from + length; at += 6) {
            int id = (buf[at] & 0xff) << 8 | (buf[at + 1] & 0xff);
            long value = ((buf[at + 2] & 0xffL) << 24) | (buf[at + 3] & 0xff) << 16 | (buf[at + 4] & 0xff) << 8 | (buf[at + 5] & 0xff);
            switch (id) {
                case Http2.SETTINGS_ENABLE_PUSH -> {
                    if (value > 1) {
                        throw protocol("SETTINGS_ENABLE_PUSH other than 0 or 1 (6.5.2)");
                    }
                }
                case Http2.SETTINGS_INITIAL_WINDOW_SIZE -> {
                    if (value > Http2.MAX_WINDOW) {
                        throw Http2Exception.connection(Http2.FLOW_CONTROL_ERROR, "SETTINGS_INITIAL_WINDOW_SIZE over 2^31-1");
                    }
                    c.output.initialWindow(value);
                }
                case Http2.SETTINGS_MAX_FRAME_SIZE -> {
                    if (value < Http2.DEFAULT_FRAME_SIZE || value > Http2.MAX_FRAME_SIZE_LIMIT) {
                        throw protocol("SETTINGS_MAX_FRAME_SIZE outside 2^14 to 2^24-1 (6.5.2)");
                    }
                    c.output.maxFrame((int) value);
                }
                default -> { } // the others bind this side not (its encoder uses no table), or are unknown (ignored)
            }
        }
        c.out.settingsAck();
    }

    private void ping(int flags, int stream, byte[] buf, int from, int length) throws Http2Exception {
        if (length != 8) {
            throw Http2Exception.connection(Http2.FRAME_SIZE_ERROR, "PING of " + length + " octets (6.7)");
        }
        if (stream != 0) {
            throw protocol("PING on a stream (6.7)");
        }
        if ((flags & Http2.ACK) == 0) {
            c.defences.controlFrame("ping");
            c.out.ping(true, buf, from);
        }
    }

    private void goaway(int stream, int length) throws Http2Exception {
        if (stream != 0) {
            throw protocol("GOAWAY on a stream (6.8)");
        }
        if (length < 8) {
            throw Http2Exception.connection(Http2.FRAME_SIZE_ERROR, "GOAWAY shorter than 8 octets (6.8)");
        }
        c.goAway("the client is going away"); // the streams in flight finish, then the close
    }

    private void windowUpdate(int stream, byte[] buf, int from, int length) throws Http2Exception {
        if (length != 4) {
            throw Http2Exception.connection(Http2.FRAME_SIZE_ERROR, "WINDOW_UPDATE of " + length + " octets (6.9)");
        }
        int increment = ((buf[from] & 0x7f) << 24) | (buf[from + 1] & 0xff) << 16 | (buf[from + 2] & 0xff) << 8 | (buf[from + 3] & 0xff);
        if (stream == 0) {
            if (increment == 0) {
                throw protocol("a WINDOW_UPDATE of 0 for the connection (6.9)");
            }
            c.output.opened(null, increment);
            return;
        }
        H2Stream s = c.streams.get(stream);
        if (s == null) {
            if (stream > c.lastStreamId) {
                throw protocol("WINDOW_UPDATE on an idle stream (5.1)");
            }
            return; // a stream that has ended: the update came too late, and is ignored
        }
        if (increment == 0) {
            c.resetByServer(s, Http2.PROTOCOL_ERROR, true);
            return;
        }
        c.output.opened(s, increment);
    }

    /** A stream error on {@code stream}, held or not. */
    private void streamError(int stream, int code) throws Http2Exception {
        H2Stream s = c.streams.get(stream);
        if (s != null) {
            c.resetByServer(s, code, true);
        } else {
            c.resetUnknown(stream, code);
        }
    }

    private static Http2Exception protocol(String why) {
        return Http2Exception.connection(Http2.PROTOCOL_ERROR, why);
    }
}
