package org.iolab.apps.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes gathered for one write, under a framing's writer (HTTP/1.1's answers, HTTP/2's frames):
 * what one read causes is appended, then leaves in one transport write ({@link #drain}), one
 * system call for a pipelined batch. The array grows as needed and is kept; a writer writes into
 * {@link #out} at {@link #length} itself, after {@link #ensure}, so that its hot paths are plain
 * array stores.
 *
 * <p>Thread rule: one connection's; its callback thread.
 */
public abstract class GatherBuffer {

    /** The bytes gathered, {@code [0, length)}. */
    protected byte[] out;
    protected int length;
    /** {@link #out} as a buffer, reused by {@link #drain} (a transport's write consumes it before returning). */
    private ByteBuffer outView;

    protected GatherBuffer(int initialCapacity) {
        out = new byte[initialCapacity];
        outView = ByteBuffer.wrap(out);
    }

    public final boolean isEmpty() {
        return length == 0;
    }

    public final int size() {
        return length;
    }

    /** What was gathered, for one write (valid until the next append); then empty again. */
    public final ByteBuffer drain() {
        outView.limit(length).position(0);
        length = 0;
        return outView;
    }

    /** Room for {@code n} more bytes. */
    protected final void ensure(int n) {
        if (length + n > out.length) {
            out = Arrays.copyOf(out, Math.max(length + n, out.length * 2));
            outView = ByteBuffer.wrap(out);
        }
    }

    /** {@code b[from, from + n)}, appended. */
    protected final void append(byte[] b, int from, int n) {
        ensure(n);
        System.arraycopy(b, from, out, length, n);
        length += n;
    }

    /** {@code n} bytes of {@code src}, appended (consumed). */
    protected final void append(ByteBuffer src, int n) {
        ensure(n);
        src.get(out, length, n);
        length += n;
    }
}
