package org.iolab.apps.http.h2;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * HTTP/2's framing layer (RFC 9113 4.1), reading: the connection preface (3.4), then frames,
 * each handed over whole once its 9-octet header and its payload have come, however the reads
 * split them (a frame dribbled a byte at a time costs one copy of it, nothing more). A frame
 * longer than this side's SETTINGS_MAX_FRAME_SIZE is a FRAME_SIZE_ERROR of the connection
 * before its payload is buffered (4.2): a peer cannot make the server hold 16 MiB.
 *
 * <p>Thread rule: one connection's; its callbacks.
 */
final class FrameReader {

    /** Where frames go. The payload is {@code buf[from, from + length)}, valid during the call. */
    interface Handler {
        void frame(int type, int flags, int stream, byte[] buf, int from, int length) throws Http2Exception;
    }

    private final int maxFrameSize;
    private byte[] buf = new byte[Http2.FRAME_HEADER + Http2.DEFAULT_FRAME_SIZE];
    private int start;
    private int end;
    private int prefaceSeen;
    private boolean suspended;

    FrameReader(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    /** Holds the frames after the one being handled until {@link #resume} (the handler calls it from within). */
    void suspend() {
        suspended = true;
    }

    boolean suspended() {
        return suspended;
    }

    /** Takes {@code data} and hands over every whole frame in it (the preface first). */
    void feed(ByteBuffer data, Handler h) throws Http2Exception {
        if (prefaceSeen < Http2.PREFACE.length) {
            while (data.hasRemaining() && prefaceSeen < Http2.PREFACE.length) {
                if (data.get() != Http2.PREFACE[prefaceSeen++]) {
                    throw Http2Exception.connection(Http2.PROTOCOL_ERROR, "not HTTP/2's connection preface");
                }
            }
        }
        int n = data.remaining();
        if (end + n > buf.length) {
            compact();
            if (end + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(end + n, buf.length * 2));
            }
        }
        data.get(buf, end, n);
        end += n;
        resume(h);
    }

    /** Hands over the whole frames held (after a {@link #suspend}). */
    void resume(Handler h) throws Http2Exception {
        suspended = false;
        while (!suspended && end - start >= Http2.FRAME_HEADER) {
            int length = (buf[start] & 0xff) << 16 | (buf[start + 1] & 0xff) << 8 | (buf[start + 2] & 0xff);
            if (length > maxFrameSize) {
                throw Http2Exception.connection(Http2.FRAME_SIZE_ERROR, "a frame of " + length + " octets, over "
                        + maxFrameSize);
            }
            if (end - start < Http2.FRAME_HEADER + length) {
                break;
            }
            int type = buf[start + 3] & 0xff;
            int flags = buf[start + 4] & 0xff;
            int stream = ((buf[start + 5] & 0x7f) << 24) | (buf[start + 6] & 0xff) << 16
                    | (buf[start + 7] & 0xff) << 8 | (buf[start + 8] & 0xff); // the reserved bit is ignored (4.1)
            int payload = start + Http2.FRAME_HEADER;
            start = payload + length;
            h.frame(type, flags, stream, buf, payload, length);
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Whether the preface has come whole. */
    boolean prefaceDone() {
        return prefaceSeen == Http2.PREFACE.length;
    }

    private void compact() {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
    }
}
