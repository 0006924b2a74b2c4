package org.iolab.apps.http.h2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test's HTTP/2 client, frame by frame: it writes the frames a test means to send (raw, hostile
 * ones too) and reads back the frames a server sent, its header blocks decoded. Header blocks
 * are literals without indexing, never Huffman: what a test sends is what the server decodes.
 */
public final class H2Client {

    /** One frame the server sent; {@code fields} are a HEADERS frame's, decoded ({@code name: value}). */
    public record Frame(int type, int flags, int stream, byte[] payload, List<String> fields) {
        public boolean is(int t) {
            return type == t;
        }

        public boolean has(int flag) {
            return (flags & flag) != 0;
        }

        public int code() { // RST_STREAM's, or GOAWAY's
            int at = type == Http2.GOAWAY ? 4 : 0;
            return (payload[at] & 0xff) << 24 | (payload[at + 1] & 0xff) << 16 | (payload[at + 2] & 0xff) << 8 | (payload[at + 3] & 0xff);
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "frame " + type + " flags " + flags + " stream " + stream + (fields == null ? " " + payload.length + " octets" : " " + fields);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final HpackDecoder decoder = new HpackDecoder(4096, 1 << 20);

    public static byte[] preface() {
        return Http2.PREFACE.clone();
    }

    public H2Client preface(boolean withSettings) {
        out.writeBytes(Http2.PREFACE);
        if (withSettings) {
            frame(Http2.SETTINGS, 0, 0, new byte[0]);
        }
        return this;
    }

    public H2Client frame(int type, int flags, int stream, byte[] payload) {
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.write(stream >>> 24);
        out.write(stream >>> 16);
        out.write(stream >>> 8);
        out.write(stream);
        out.writeBytes(payload);
        return this;
    }

    /** A header block of {@code fields} ({@code name}, {@code value}, ...), literals without indexing. */
    public static byte[] block(String... fields) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            b.write(0x00);
            string(b, fields[i]);
            string(b, fields[i + 1]);
        }
        return b.toByteArray();
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] v = s.getBytes(StandardCharsets.ISO_8859_1);
        int n = v.length;
        if (n < 127) {
            b.write(n);
        } else {
            b.write(127);
            n -= 127;
            while (n >= 128) {
                b.write((n & 0x7f) | 0x80);
                n >>>= 7;
            }
            b.write(n);
        }
        b.writeBytes(v);
    }

    /** A GET of {@code path}, ending its stream. */
    public H2Client get(int stream, String path) {
        return headers(stream, true, ":method", "GET", ":scheme", "http", ":path", path, ":authority", "a");
    }

    public H2Client headers(int stream, boolean endStream, String... fields) {
        return frame(Http2.HEADERS, Http2.END_HEADERS | (endStream ? Http2.END_STREAM : 0), stream, block(fields));
    }

    public H2Client data(int stream, String text, boolean endStream) {
        return frame(Http2.DATA, endStream ? Http2.END_STREAM : 0, stream, text.getBytes(StandardCharsets.UTF_8));
    }

    public H2Client rst(int stream, int code) {
        return frame(Http2.RST_STREAM, 0, stream, u32(code));
    }

    public H2Client windowUpdate(int stream, int increment) {
        return frame(Http2.WINDOW_UPDATE, 0, stream, u32(increment));
    }

    public static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** What was written so far, as one read; then empty. */
    public ByteBuffer take() {
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray());
        out.reset();
        return b;
    }

    /** One frame read from {@code in} (a socket the server writes to), its header block decoded; {@code null} at the end. */
    public Frame next(InputStream in) throws IOException {
        byte[] head = in.readNBytes(9);
        if (head.length < 9) {
            return null;
        }
        int length = (head[0] & 0xff) << 16 | (head[1] & 0xff) << 8 | (head[2] & 0xff);
        byte[] frame = Arrays.copyOf(head, 9 + length);
        if (in.readNBytes(frame, 9, length) < length) {
            return null;
        }
        try {
            return read(frame).get(0);
        } catch (Http2Exception e) {
            throw new IOException("the server's header block does not decode: " + e.getMessage(), e);
        }
    }

    /** The frames in {@code written} (the server's output from its start), their header blocks decoded in order. */
    public List<Frame> read(byte[] written) throws Http2Exception {
        List<Frame> frames = new ArrayList<>();
        int at = 0;
        while (at + 9 <= written.length) {
            int length = (written[at] & 0xff) << 16 | (written[at + 1] & 0xff) << 8 | (written[at + 2] & 0xff);
            int type = written[at + 3] & 0xff;
            int flags = written[at + 4] & 0xff;
            int stream = (written[at + 5] & 0x7f) << 24 | (written[at + 6] & 0xff) << 16 | (written[at + 7] & 0xff) << 8 | (written[at + 8] & 0xff);
            byte[] payload = Arrays.copyOfRange(written, at + 9, at + 9 + length);
            List<String> fields = null;
            if (type == Http2.HEADERS) {
                List<String> f = new ArrayList<>();
                decoder.decode(payload, 0, payload.length, (buf, ns, ne, ve) -> f.add(new String(buf, ns, ne - ns,
                        StandardCharsets.ISO_8859_1) + ": " + new String(buf, ne, ve - ne, StandardCharsets.ISO_8859_1)));
                fields = f;
            }
            frames.add(new Frame(type, flags, stream, payload, fields));
            at += 9 + length;
        }
        return frames;
    }
}
