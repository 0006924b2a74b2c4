package org.iolab.multiplexer;

/**
 * What one {@link Multiplexer#waitFor} found: parallel arrays of tokens and readiness bits, reused
 * from call to call so that polling allocates nothing. Thread rule: the polling thread's own.
 */
public final class ReadyEvents {

    final int[] tokens;
    final int[] ready;
    int size;

    public ReadyEvents(int capacity) {
        tokens = new int[capacity];
        ready = new int[capacity];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return tokens.length;
    }

    public int token(int i) {
        return tokens[i];
    }

    /** {@link Multiplexer#READ}, {@link Multiplexer#WRITE} and {@link Multiplexer#HUP} bits. */
    public int ready(int i) {
        return ready[i];
    }

    void clear() {
        size = 0;
    }

    /** Adds an event; {@code false} when full. */
    boolean add(int token, int readyBits) {
        if (size == tokens.length) {
            return false;
        }
        tokens[size] = token;
        ready[size] = readyBits;
        size++;
        return true;
    }
}
