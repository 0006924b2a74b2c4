package org.iolab.apps.http.h2;

import java.util.Arrays;

/**
 * HPACK's decoder (RFC 7541 6): a whole header block in, its fields out, one at a time, the
 * dynamic table kept in step. What a peer could turn against the server is bounded here:
 * integers that overflow, strings longer than the block, a table size update above what this
 * side allowed or not at the block's start, an index outside the tables, invalid Huffman: each
 * a {@link Http2Exception} of COMPRESSION_ERROR (the connection cannot be trusted after). A list
 * whose decoded size (RFC 9113 6.5.2: names, values and 32 octets a field) passes the limit
 * (an "HPACK bomb": a big table entry named again and again) is still decoded to keep the table
 * in step, but its fields are no more delivered: the decoder says so, and the stream is refused.
 *
 * <p>Thread rule: one connection's; one block at a time.
 */
final class HpackDecoder {

    /** Where decoded fields go: the name is {@code buf[nameStart, nameEnd)}, the value {@code buf[nameEnd, valueEnd)}. */
    interface Sink {
        void field(byte[] buf, int nameStart, int nameEnd, int valueEnd) throws Http2Exception;
    }

    private final HpackTable table;
    private final int maxTableSize;
    private final int maxListSize;
    private byte[] scratch = new byte[256];
    private int at;
    private int pos;

    /**
     * @param maxTableSize the table size this side advertised (SETTINGS_HEADER_TABLE_SIZE)
     * @param maxListSize the largest header list delivered (SETTINGS_MAX_HEADER_LIST_SIZE)
     */
    HpackDecoder(int maxTableSize, int maxListSize) {
        this.table = new HpackTable(maxTableSize);
        this.maxTableSize = maxTableSize;
        this.maxListSize = maxListSize;
    }

    /**
     * Decodes the block {@code b[from, to)}, delivering its fields to {@code sink} while the
     * list stays within the limit; {@code true} when it did (every field delivered), {@code false}
     * when the list was too large.
     */
    boolean decode(byte[] b, int from, int to, Sink sink) throws Http2Exception {
        pos = from;
        long listSize = 0;
        boolean first = true;
        while (pos < to) {
            int c = b[pos] & 0xff;
            if ((c & 0x80) != 0) { // indexed field (6.1)
                int index = integer(b, to, 7);
                if (index == 0 || index > table.length()) {
                    throw compression("index " + index + " is in neither table");
                }
                listSize += put(table.name(index), table.value(index), listSize, sink);
            } else if ((c & 0xe0) == 0x20) { // dynamic table size update (6.3)
                if (!first) {
                    throw compression("a table size update after the block's first field");
                }
                int max = integer(b, to, 5);
                if (max > maxTableSize) {
                    throw compression("a table size of " + max + ", over the " + maxTableSize + " allowed");
                }
                table.maxSize(max);
                continue; // still at the start: updates may come in a row
            } else { // a literal (6.2): with incremental indexing (01), without (0000) or never indexed (0001)
                boolean index = (c & 0x40) != 0;
                int nameIndex = integer(b, to, index ? 6 : 4);
                at = 0;
                if (nameIndex == 0) {
                    string(b, to);
                } else {
                    if (nameIndex > table.length()) {
                        throw compression("name index " + nameIndex + " is in neither table");
                    }
                    copy(table.name(nameIndex));
                }
                int nameEnd = at;
                string(b, to);
                long size = nameEnd + (at - nameEnd) + 32L;
                if (index) {
                    table.add(scratch, 0, nameEnd, scratch, nameEnd, at);
                }
                listSize += size;
                if (listSize <= maxListSize) {
                    sink.field(scratch, 0, nameEnd, at);
                }
            }
            first = false;
        }
        return listSize <= maxListSize;
    }

    /** Delivers a field of the tables (if within the limit); its size. */
    private long put(byte[] name, byte[] value, long listSize, Sink sink) throws Http2Exception {
        long size = name.length + value.length + 32L;
        if (listSize + size <= maxListSize) {
            at = 0;
            copy(name);
            int nameEnd = at;
            copy(value);
            sink.field(scratch, 0, nameEnd, at);
        }
        return size;
    }

    /** An integer with an {@code n}-bit prefix (5.1), at most 2^28: larger is an attack, not a header. */
    private int integer(byte[] b, int to, int n) throws Http2Exception {
        int mask = (1 << n) - 1;
        int value = b[pos++] & mask;
        if (value < mask) {
            return value;
        }
        int shift = 0;
        while (true) {
            if (pos >= to) {
                throw compression("an integer cut off at the block's end");
            }
            int c = b[pos++] & 0xff;
            value += (c & 0x7f) << shift;
            shift += 7;
            if ((c & 0x80) == 0) {
                return value;
            }
            if (shift > 21) {
                throw compression("an integer of more than 28 bits");
            }
        }
    }

    /** A string literal (5.2) appended to the scratch, Huffman-decoded when its H bit says so. */
    private void string(byte[] b, int to) throws Http2Exception {
        if (pos >= to) {
            throw compression("a string missing at the block's end");
        }
        boolean huffman = (b[pos] & 0x80) != 0;
        int length = integer(b, to, 7);
        if (length > to - pos) {
            throw compression("a string of " + length + " octets, longer than what is left of the block");
        }
        if (huffman) {
            ensure(length * 8 / 5 + 1); // the shortest code is 5 bits
            try {
                at = Huffman.decode(b, pos, pos + length, scratch, at, scratch.length);
            } catch (Huffman.Invalid e) {
                throw compression(e.getMessage());
            }
        } else {
            ensure(length);
            System.arraycopy(b, pos, scratch, at, length);
            at += length;
        }
        pos += length;
    }

    private void copy(byte[] s) {
        ensure(s.length);
        System.arraycopy(s, 0, scratch, at, s.length);
        at += s.length;
    }

    private void ensure(int n) {
        if (at + n > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(at + n, scratch.length * 2));
        }
    }

    private static Http2Exception compression(String why) {
        return Http2Exception.connection(Http2.COMPRESSION_ERROR, "HPACK: " + why);
    }
}
