package org.iolab.apps.http;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers shared by the framings and the request: searching a range, comparing a
 * range with a literal (byte for byte, or ignoring ASCII case for field names and tokens),
 * without making a string.
 *
 * <p>Thread rule: stateless.
 */
public final class Ascii {

    private Ascii() {
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The first index of {@code b} in {@code buf[from, to)}, or -1. */
    public static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code buf[from, to)} is {@code literal}, byte for byte. */
    public static boolean equals(byte[] buf, int from, int to, byte[] literal) {
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

    /** Whether {@code buf[from, to)} is {@code literal}, byte for char (Latin-1). */
    public static boolean equals(byte[] buf, int from, int to, String literal) {
        if (to - from != literal.length()) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            if ((buf[from + i] & 0xff) != literal.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code buf[from, to)} is the lower-case {@code lower}, ignoring ASCII case. */
    public static boolean equalsIgnoreCase(byte[] buf, int from, int to, byte[] lower) {
        if (to - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            if (lowerCase(buf[from + i]) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code buf[from, to)} is {@code name}, ignoring ASCII case on both sides. */
    public static boolean equalsIgnoreCase(byte[] buf, int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (lowerCase(buf[from + i]) != (c >= 'A' && c <= 'Z' ? c + 32 : c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code b} with an ASCII upper-case letter made lower case. */
    public static int lowerCase(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    public static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
