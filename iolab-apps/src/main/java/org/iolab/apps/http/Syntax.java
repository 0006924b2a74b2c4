package org.iolab.apps.http;

/**
 * The character classes of RFC 9110 and 9112 that the parser checks byte by byte, as tables.
 *
 * <ul>
 * <li>{@code tchar} (RFC 9110 5.6.2): a token's (a method, a field name, a transfer coding, a
 *     chunk extension's name): {@code !#$%&'*+-.^_`|~}, digits and letters.
 * <li>a field value's (RFC 9110 5.5): HTAB, SP, VCHAR and obs-text; never NUL, CR, LF or another control.
 * <li>a request-target's: VCHAR (RFC 3986's characters and the percent-encoded rest; no space, no control).
 * <li>a Host's (RFC 3986 3.2.2, uri-host [":" port]): unreserved, sub-delims, {@code %}, {@code :}, {@code [}, {@code ]}.
 * </ul>
 *
 * <p>Thread rule: immutable.
 */
final class Syntax {

    private static final boolean[] TCHAR = new boolean[256];
    private static final boolean[] FIELD_VALUE = new boolean[256];
    private static final boolean[] HOST = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
            HOST[c] = true;
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            TCHAR[c] = TCHAR[c + 32] = true;
            HOST[c] = HOST[c + 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        for (char c : "-._~!$&'()*+,;=%:[]".toCharArray()) {
            HOST[c] = true;
        }
        FIELD_VALUE['\t'] = true;
        for (int c = ' '; c <= '~'; c++) {
            FIELD_VALUE[c] = true;
        }
        for (int c = 0x80; c <= 0xff; c++) {
            FIELD_VALUE[c] = true;
        }
    }

    private Syntax() {
    }

    static boolean tchar(byte b) {
        return TCHAR[b & 0xff];
    }

    static boolean fieldValue(byte b) {
        return FIELD_VALUE[b & 0xff];
    }

    static boolean vchar(byte b) {
        return b > ' ' && b < 0x7f;
    }

    static boolean host(byte b) {
        return HOST[b & 0xff];
    }

    static boolean whitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** A hexadecimal digit's value, or -1. */
    static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int lower = b | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
