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
 * <p>What an answer's fields are checked against as they are given ({@link #checkName},
 * {@link #checkValue}), so that nothing a route passes can split a response.
 *
 * <p>Thread rule: immutable.
 */
public final class Syntax {

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

    public static boolean tchar(byte b) {
        return TCHAR[b & 0xff];
    }

    public static boolean fieldValue(byte b) {
        return FIELD_VALUE[b & 0xff];
    }

    public static boolean vchar(byte b) {
        return b > ' ' && b < 0x7f;
    }

    public static boolean host(byte b) {
        return HOST[b & 0xff];
    }

    public static boolean whitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** A hexadecimal digit's value, or -1. */
    public static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int lower = b | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /**
     * {@code name} is a field name: a token (RFC 9110 5.1, 5.6.2).
     *
     * @throws IllegalArgumentException when it is empty or holds a character a token cannot
     *     (a space, a colon, CR, LF, a non-ASCII letter...)
     */
    public static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a field name cannot be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0xff || !TCHAR[c]) {
                throw new IllegalArgumentException("a field name is a token: \"" + shown(name) + "\" holds "
                        + describe(c) + " at " + i);
            }
        }
    }

    /**
     * {@code value} is a field value (RFC 9110 5.5): visible characters, spaces and tabs,
     * Latin-1 at most; leading and trailing whitespace is the caller's to avoid.
     *
     * @throws IllegalArgumentException for CR, LF, NUL or another control character (which
     *     would split the response), or a character beyond Latin-1
     */
    public static void checkValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("the value of " + name + " cannot be null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff || !FIELD_VALUE[c]) {
                throw new IllegalArgumentException("the value of " + name + " holds " + describe(c) + " at " + i
                        + ": a field value cannot hold CR, LF, NUL or another control character, nor one beyond Latin-1");
            }
        }
    }

    private static String describe(char c) {
        return c < 0x20 || c == 0x7f || c > 0xff ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private static String shown(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
