package org.iolab.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines ending in {@code \n} (a {@code \r} before it is dropped),
 * whatever the chunking, and fails fast on a line longer than the limit instead of buffering
 * without bound.
 *
 * <pre>{@code
 * LineDecoder lines = new LineDecoder(8192);
 * if (!lines.feed(data, line -> handle(line))) { reportTooLong(); transport.close(); }
 * }</pre>
 *
 * <p>Thread rule: not thread-safe; one decoder per connection, fed from its callbacks.
 */
public final class LineDecoder {

    private final int maxLength;
    private byte[] partial = new byte[64];
    private int length;
    private boolean failed;
    private boolean stopped;

    /** @param maxLength the longest line accepted, in bytes, not counting the terminator */
    public LineDecoder(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
        this.maxLength = maxLength;
    }

    /**
     * Consumes {@code data}, calling {@code onLine} for each complete line (without its
     * terminator). Returns {@code false}, and accepts nothing more, once a line is longer than
     * the limit; lines completed before it in the same chunk have been delivered.
     * {@code onLine} may call {@link #stop()} to ignore the rest of the chunk.
     */
    public boolean feed(ByteBuffer data, Consumer<byte[]> onLine) {
        if (failed) {
            data.position(data.limit());
            return false;
        }
        while (data.hasRemaining() && !stopped) {
            byte b = data.get();
            if (b == '\n') {
                int end = length > 0 && partial[length - 1] == '\r' ? length - 1 : length;
                if (end > maxLength) {
                    failed = true;
                    data.position(data.limit());
                    return false;
                }
                byte[] line = Arrays.copyOf(partial, end);
                length = 0;
                onLine.accept(line);
            } else {
                if (length == maxLength + 1) { // room for a trailing \r before the \n
                    failed = true;
                    data.position(data.limit());
                    return false;
                }
                if (length == partial.length) {
                    partial = Arrays.copyOf(partial, Math.min(partial.length * 2, maxLength + 1));
                }
                partial[length++] = b;
            }
        }
        if (stopped) {
            data.position(data.limit());
        }
        return true;
    }

    /** Ignores the rest of the current and every later chunk (the connection is ending). */
    public void stop() {
        stopped = true;
    }

    /** Bytes of an unfinished line held now. */
    public int pending() {
        return length;
    }

    public int maxLength() {
        return maxLength;
    }
}
