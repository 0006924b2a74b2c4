package org.iolab.apps.ws;

/**
 * UTF-8 checked byte by byte as it arrives, across frames and reads (RFC 3629; RFC 6455 8.1: a
 * text message that is not valid UTF-8 fails the connection, 1007, at the first bad byte):
 * no overlong forms, no surrogates (U+D800 to U+DFFF), nothing past U+10FFFF, no stray
 * continuation byte, no sequence cut short at the message's end.
 *
 * <p>Thread rule: one per connection.
 */
final class Utf8Validator {

    private int needed;   // continuation bytes still to come
    private int lower = 0x80;
    private int upper = 0xbf;

    /** Whether {@code b} may come next. */
    boolean next(byte b) {
        int c = b & 0xff;
        if (needed == 0) {
            if (c < 0x80) {
                return true;
            }
            lower = 0x80;
            upper = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) {
                needed = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                needed = 2;
                if (c == 0xe0) {
                    lower = 0xa0; // else overlong
                } else if (c == 0xed) {
                    upper = 0x9f; // else a surrogate
                }
            } else if (c >= 0xf0 && c <= 0xf4) {
                needed = 3;
                if (c == 0xf0) {
                    lower = 0x90; // else overlong
                } else if (c == 0xf4) {
                    upper = 0x8f; // else past U+10FFFF
                }
            } else {
                return false; // a continuation byte first, C0, C1, or F5 and up
            }
            return true;
        }
        if (c < lower || c > upper) {
            return false;
        }
        lower = 0x80;
        upper = 0xbf;
        needed--;
        return true;
    }

    /** Whether the bytes so far end on a whole character (a message may end here). */
    boolean whole() {
        return needed == 0;
    }

    void reset() {
        needed = 0;
        lower = 0x80;
        upper = 0xbf;
    }
}
