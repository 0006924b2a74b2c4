package org.iolab.engine.dispatch;

import java.nio.ByteBuffer;

/**
 * The read buffer of a connection served by a thread that blocks in {@code read}: it is held
 * for as long as the thread is parked there, so an idle connection holds it for its whole life.
 * It starts small ({@value #INITIAL} bytes) and sizes itself to what the reads bring, as Netty's
 * adaptive allocator does: a read that fills it doubles it (up to the engine's maximum), two
 * reads in a row that use under a quarter of it halve it (down to {@value #MIN} bytes). A
 * reallocation happens only on a change of size, never per message; one read per message still
 * gets a whole small message.
 *
 * <p>Thread rule: the connection's owner thread only.
 */
final class ReadBuffer {

    static final int MIN = 256;
    static final int INITIAL = 512;

    private final int max;
    private byte[] bytes;
    private ByteBuffer view;
    private int smallReads;

    ReadBuffer(int max) {
        this.max = Math.max(MIN, max);
        resize(Math.min(INITIAL, this.max));
    }

    /** The array to read into. */
    byte[] array() {
        return bytes;
    }

    /** The {@code n} bytes just read into {@link #array}, as a buffer valid until the next read. */
    ByteBuffer filled(int n) {
        return view.clear().limit(n);
    }

    /** After the bytes of a read were delivered: grows or shrinks for the next one. */
    void adapt(int n) {
        if (n == bytes.length && bytes.length < max) {
            smallReads = 0;
            resize(Math.min(max, bytes.length * 2));
        } else if (n < bytes.length / 4 && bytes.length > MIN) {
            if (++smallReads >= 2) {
                smallReads = 0;
                resize(Math.max(MIN, bytes.length / 2));
            }
        } else {
            smallReads = 0;
        }
    }

    int capacity() {
        return bytes.length;
    }

    private void resize(int size) {
        bytes = new byte[size];
        view = ByteBuffer.wrap(bytes);
    }
}
