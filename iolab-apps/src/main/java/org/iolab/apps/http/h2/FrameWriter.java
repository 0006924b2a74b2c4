package org.iolab.apps.http.h2;

import java.nio.ByteBuffer;
import org.iolab.apps.http.GatherBuffer;

/**
 * HTTP/2's framing layer, writing: frames gathered in one buffer so that the frames a read
 * causes leave in one write, as HTTP/1.1's answers do. A header block longer than the peer's
 * largest frame is split into HEADERS and CONTINUATION frames, back to back (4.3).
 *
 * <p>Thread rule: one connection's; its callbacks.
 */
final class FrameWriter extends GatherBuffer {

    FrameWriter() {
        super(16 * 1024);
    }

    void settings(int[] idsAndValues) {
        header(idsAndValues.length / 2 * 6, Http2.SETTINGS, 0, 0); // each pair: a 16-bit id, a 32-bit value
        for (int i = 0; i < idsAndValues.length; i += 2) {
            u16(idsAndValues[i]);
            u32(idsAndValues[i + 1]);
        }
    }

    void settingsAck() {
        header(0, Http2.SETTINGS, Http2.ACK, 0);
    }

    void ping(boolean ack, byte[] payload, int from) {
        header(8, Http2.PING, ack ? Http2.ACK : 0, 0);
        append(payload, from, 8);
    }

    void goaway(int lastStream, int code, String debug) {
        byte[] d = debug.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        header(8 + d.length, Http2.GOAWAY, 0, 0);
        u32(lastStream);
        u32(code);
        append(d, 0, d.length);
    }

    void rstStream(int stream, int code) {
        header(4, Http2.RST_STREAM, 0, stream);
        u32(code);
    }

    void windowUpdate(int stream, int increment) {
        header(4, Http2.WINDOW_UPDATE, 0, stream);
        u32(increment);
    }

    /** A header block as HEADERS, and CONTINUATIONs where it is longer than {@code maxFrame}. */
    void headers(int stream, byte[] block, int blockLength, boolean endStream, int maxFrame) {
        int first = Math.min(blockLength, maxFrame);
        header(first, Http2.HEADERS, (endStream ? Http2.END_STREAM : 0) | (first == blockLength ? Http2.END_HEADERS : 0), stream);
        append(block, 0, first);
        for (int at = first; at < blockLength; ) {
            int n = Math.min(blockLength - at, maxFrame);
            header(n, Http2.CONTINUATION, at + n == blockLength ? Http2.END_HEADERS : 0, stream);
            append(block, at, n);
            at += n;
        }
    }

    /** One DATA frame of {@code src[from, from + n)} (at most the peer's frame size: the caller's to split). */
    void data(int stream, byte[] src, int from, int n, boolean endStream) {
        header(n, Http2.DATA, endStream ? Http2.END_STREAM : 0, stream);
        append(src, from, n);
    }

    /** One DATA frame of {@code n} bytes of {@code src} (consumed). */
    void data(int stream, ByteBuffer src, int n, boolean endStream) {
        header(n, Http2.DATA, endStream ? Http2.END_STREAM : 0, stream);
        append(src, n);
    }

    private void header(int payload, int type, int flags, int stream) {
        ensure(Http2.FRAME_HEADER + payload);
        out[length++] = (byte) (payload >>> 16);
        out[length++] = (byte) (payload >>> 8);
        out[length++] = (byte) payload;
        out[length++] = (byte) type;
        out[length++] = (byte) flags;
        u32(stream);
    }

    private void u16(int v) {
        out[length++] = (byte) (v >>> 8);
        out[length++] = (byte) v;
    }

    private void u32(int v) {
        ensure(4);
        out[length++] = (byte) (v >>> 24);
        out[length++] = (byte) (v >>> 16);
        out[length++] = (byte) (v >>> 8);
        out[length++] = (byte) v;
    }
}
