package org.iolab.apps.http;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers of the HTTP parser: searching a range, comparing a range with a literal,
 * case-insensitively for header names and tokens.
 *
 * <p>Thread rule: stateless.
 */
final class Bytes {

    private Bytes() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The first index of {@code b} in {@code buf[from, to)}, or -1. */
    static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code buf[from, to)} is {@code literal}, byte for byte. */
    static boolean equals(byte[] buf, int from, int to, byte[] literal) {
        if (to - from != literal.length) {
            return false;
        }
        for (int i = 0; i < literal.length; i++) {
            if (buf[from + i] != literal[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code buf[from, to)} is the lower-case {@code lower}, ignoring ASCII case. */
    static boolean equalsIgnoreCase(byte[] buf, int from, int to, byte[] lower) {
        if (to - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            byte b = buf[from + i];
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
