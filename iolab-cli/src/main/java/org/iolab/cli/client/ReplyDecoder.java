package org.iolab.cli.client;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The server's bytes as text, read by read: one UTF-8 decoder for the whole connection, so a
 * character split across two reads is held until its last byte comes (each read decoded on its
 * own showed such characters as U+FFFD). Bytes that are not UTF-8 show as U+FFFD.
 *
 * <p>Thread rule: one reading thread.
 */
public final class ReplyDecoder {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** Bytes not yet decoded: at most the start of one character between calls. */
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    /** The text of {@code n} more bytes; a character they end inside of waits for the next call. */
    public String decode(byte[] bytes, int n) {
        ByteBuffer in;
        if (pending.hasRemaining()) {
            in = ByteBuffer.allocate(pending.remaining() + n).put(pending).put(bytes, 0, n).flip();
        } else {
            in = ByteBuffer.wrap(bytes, 0, n);
        }
        StringBuilder out = new StringBuilder(n);
        while (true) {
            chars.clear();
            boolean overflow = decoder.decode(in, chars, false).isOverflow();
            out.append(chars.flip());
            if (!overflow) {
                break;
            }
        }
        pending = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : ByteBuffer.allocate(0);
        return out.toString();
    }

    /** What is left at the end of the stream: a character cut short shows as U+FFFD. */
    public String finish() {
        chars.clear();
        decoder.decode(pending, chars, true);
        decoder.flush(chars);
        pending = ByteBuffer.allocate(0);
        return chars.flip().toString();
    }
}
