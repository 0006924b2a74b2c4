package org.iolab.apps.http.h2;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.iolab.apps.http.HttpDate;
import org.iolab.apps.http.ReplyHead;
import org.iolab.apps.http.Status;

/**
 * HPACK's encoder for a server's answers (RFC 7541 6): {@code :status} indexed where the static
 * table has it, other fields as literals without indexing, their names by static index where it
 * has them, in lower case (RFC 9113 8.2.2). Nothing goes into the dynamic table: the peer's
 * decoder keeps no state for this side, and the encoder none for it.
 *
 * <p>Thread rule: one connection's.
 */
final class HpackEncoder {

    private static final int[] STATUS_INDEX = new int[600];
    private static final byte[] SERVER = "iolab".getBytes(StandardCharsets.US_ASCII);

    static {
        STATUS_INDEX[200] = 8;
        STATUS_INDEX[204] = 9;
        STATUS_INDEX[206] = 10;
        STATUS_INDEX[304] = 11;
        STATUS_INDEX[400] = 12;
        STATUS_INDEX[404] = 13;
        STATUS_INDEX[500] = 14;
    }

    /** Static table indexes of the names an answer uses most. */
    private static final int CONTENT_LENGTH = 28;
    private static final int CONTENT_TYPE = 31;
    private static final int DATE = 33;
    private static final int NAME_SERVER = 54;
    private static final int STATUS = 8;

    private byte[] block = new byte[256];
    private int length;
    private String lastType;
    private byte[] lastTypeBytes;

    /**
     * The header block of an answer: {@code :status}, {@code content-type}, {@code
     * content-length} (when {@code contentLength} is 0 or more and the status carries content),
     * {@code server} and {@code date} unless the route gave them, then the route's fields.
     */
    void answer(ReplyHead head, long contentLength) {
        length = 0;
        Status status = head.status();
        int index = STATUS_INDEX[status.code()];
        if (index != 0) {
            integer(0x80, 7, index);
        } else {
            literal(STATUS, ascii(Integer.toString(status.code())));
        }
        String type = head.contentType();
        if (type != null) {
            if (type != lastType) {
                lastTypeBytes = type.getBytes(StandardCharsets.ISO_8859_1); // checked to be Latin-1 when given
                lastType = type;
            }
            literal(CONTENT_TYPE, lastTypeBytes);
        }
        if (contentLength >= 0 && status.allowsContent()) {
            integer(0x00, 4, CONTENT_LENGTH);
            decimalString(contentLength);
        }
        if (!head.has("server")) {
            literal(NAME_SERVER, SERVER);
        }
        if (!head.has("date")) {
            literal(DATE, HttpDate.now());
        }
        for (int i = 0; i < head.count(); i++) {
            field(head.name(i), head.value(i));
        }
    }

    /** The header block of trailers: {@code count} fields. */
    void trailers(String[] names, String[] values, int count) {
        length = 0;
        for (int i = 0; i < count; i++) {
            field(names[i], values[i]);
        }
    }

    byte[] block() {
        return block;
    }

    int length() {
        return length;
    }

    private void field(String name, String value) {
        integer(0x00, 4, 0); // literal without indexing, a new name
        string(name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1));
        string(value.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void literal(int nameIndex, byte[] value) {
        integer(0x00, 4, nameIndex); // literal without indexing, an indexed name
        string(value);
    }

    private void string(byte[] s) {
        integer(0x00, 7, s.length); // raw, not Huffman: a server's values are short, and CPU counts more here
        ensure(s.length);
        System.arraycopy(s, 0, block, length, s.length);
        length += s.length;
    }

    private void decimalString(long n) {
        String d = Long.toString(n);
        ensure(1 + d.length());
        block[length++] = (byte) d.length();
        for (int i = 0; i < d.length(); i++) {
            block[length++] = (byte) d.charAt(i);
        }
    }

    /** An integer with an {@code n}-bit prefix after {@code first}'s pattern (5.1). */
    private void integer(int first, int n, int value) {
        ensure(6);
        int max = (1 << n) - 1;
        if (value < max) {
            block[length++] = (byte) (first | value);
            return;
        }
        block[length++] = (byte) (first | max);
        value -= max;
        while (value >= 128) {
            block[length++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        block[length++] = (byte) value;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private void ensure(int n) {
        if (length + n > block.length) {
            block = Arrays.copyOf(block, Math.max(length + n, block.length * 2));
        }
    }
}
