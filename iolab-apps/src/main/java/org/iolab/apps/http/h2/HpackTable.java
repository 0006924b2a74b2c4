package org.iolab.apps.http.h2;

import java.nio.charset.StandardCharsets;

/**
 * HPACK's index space (RFC 7541 2.3): the static table of Appendix A (1 to 61) followed by the
 * dynamic table, newest first, whose size counts each entry's name and value plus 32 octets and
 * never exceeds its maximum: an insert evicts the oldest entries first, and an entry larger than
 * the maximum empties the table (4.4).
 *
 * <p>Thread rule: one connection's decoder.
 */
final class HpackTable {

    static final int STATIC_SIZE = 61;
    private static final byte[][] STATIC_NAMES = new byte[STATIC_SIZE + 1][];
    private static final byte[][] STATIC_VALUES = new byte[STATIC_SIZE + 1][];

    static {
        String[] t = {
            ":authority", "", ":method", "GET", ":method", "POST", ":path", "/", ":path", "/index.html",
            ":scheme", "http", ":scheme", "https", ":status", "200", ":status", "204", ":status", "206",
            ":status", "304", ":status", "400", ":status", "404", ":status", "500", "accept-charset", "",
            "accept-encoding", "gzip, deflate", "accept-language", "", "accept-ranges", "", "accept", "",
            "access-control-allow-origin", "", "age", "", "allow", "", "authorization", "", "cache-control", "",
            "content-disposition", "", "content-encoding", "", "content-language", "", "content-length", "",
            "content-location", "", "content-range", "", "content-type", "", "cookie", "", "date", "", "etag", "",
            "expect", "", "expires", "", "from", "", "host", "", "if-match", "", "if-modified-since", "",
            "if-none-match", "", "if-range", "", "if-unmodified-since", "", "last-modified", "", "link", "",
            "location", "", "max-forwards", "", "proxy-authenticate", "", "proxy-authorization", "", "range", "",
            "referer", "", "refresh", "", "retry-after", "", "server", "", "set-cookie", "",
            "strict-transport-security", "", "transfer-encoding", "", "user-agent", "", "vary", "", "via", "",
            "www-authenticate", ""};
        for (int i = 0; i < STATIC_SIZE; i++) {
            STATIC_NAMES[i + 1] = t[2 * i].getBytes(StandardCharsets.US_ASCII);
            STATIC_VALUES[i + 1] = t[2 * i + 1].getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** The dynamic table's entries in a ring, newest at {@code head - 1}. */
    private byte[][] names = new byte[16][];
    private byte[][] values = new byte[16][];
    private int head;
    private int count;
    private int size;
    private int maxSize;

    HpackTable(int maxSize) {
        this.maxSize = maxSize;
    }

    /** Entries in the static and the dynamic table together. */
    int length() {
        return STATIC_SIZE + count;
    }

    /** The name of entry {@code index} (1-based, valid: the caller checked {@link #length}). */
    byte[] name(int index) {
        return index <= STATIC_SIZE ? STATIC_NAMES[index] : names[slot(index)];
    }

    byte[] value(int index) {
        return index <= STATIC_SIZE ? STATIC_VALUES[index] : values[slot(index)];
    }

    private int slot(int index) {
        int newest = index - STATIC_SIZE; // 1 is the newest
        return Math.floorMod(head - newest, names.length);
    }

    /** The table's size now (4.1). */
    int size() {
        return size;
    }

    /** A size update from the encoder (6.3): at most what this side allows, which the caller checked. */
    void maxSize(int max) {
        maxSize = max;
        evictTo(max);
    }

    /** Adds an entry (copies of {@code name} and {@code value}), evicting as needed. */
    void add(byte[] name, int ns, int ne, byte[] value, int vs, int ve) {
        int entry = (ne - ns) + (ve - vs) + 32;
        if (entry > maxSize) {
            evictTo(0);
            return;
        }
        evictTo(maxSize - entry);
        if (count == names.length) {
            grow();
        }
        names[head] = java.util.Arrays.copyOfRange(name, ns, ne);
        values[head] = java.util.Arrays.copyOfRange(value, vs, ve);
        head = (head + 1) % names.length;
        count++;
        size += entry;
    }

    private void evictTo(int limit) {
        while (size > limit && count > 0) {
            int oldest = Math.floorMod(head - count, names.length);
            size -= names[oldest].length + values[oldest].length + 32;
            names[oldest] = null;
            values[oldest] = null;
            count--;
        }
    }

    private void grow() {
        byte[][] n = new byte[names.length * 2][];
        byte[][] v = new byte[names.length * 2][];
        for (int i = 0; i < count; i++) {
            int from = Math.floorMod(head - count + i, names.length);
            n[i] = names[from];
            v[i] = values[from];
        }
        names = n;
        values = v;
        head = count;
    }
}
