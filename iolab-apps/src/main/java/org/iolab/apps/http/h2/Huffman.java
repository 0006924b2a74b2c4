package org.iolab.apps.http.h2;

/**
 * HPACK's Huffman code (RFC 7541 5.2 and Appendix B). The appendix's code is canonical: ordered
 * by length, then by symbol, each code is the previous one plus one, shifted left by the growth
 * in length. So the table is kept as the appendix's lengths alone (one letter per symbol, 0 to
 * 255 and EOS: {@code A} is 5 bits, {@code Z} 30) and the codes are made from them; the test
 * checks them against the appendix's rows and the RFC's examples.
 *
 * <p>Decoding walks the canonical code a bit at a time with a count of codes per length: no
 * table to grow wrong. A string that ends inside a symbol with more than 7 bits of padding, with
 * padding that is not the EOS code's leading ones, or with EOS itself, is an error (5.2).
 *
 * <p>Thread rule: immutable tables; the methods are stateless.
 */
final class Huffman {

    /** Bits of each symbol's code, RFC 7541 Appendix B, as letters: 'A' + (bits - 5). */
    private static final String LENGTHS =
            "ISXXXXXXXTZXXZXXXXXXXXZXXXXXXXXXBFFHIBDGFFDGDBBBAAABBBBBBBCDKBHFIBCCCCCCCCCCCCCCCCCCCCCCDCDIOIJBKABABABBB"
            + "ACCBBBABCBAABCCCCCKGJIXPRPPRRRSRSSSSSTSTTRSTSSSSQRSRSSTRQPRRSSQSRRTQRSSQQRQSRSSPRRRSRRSVVPORSRUVVVWWVTUOQ"
            + "VWWVWTQQVVXWWWPTPQRQQSRRUUTTVSVWVVWWWWWXWWWWWVZ";

    static final int EOS = 256;
    /** The code of each symbol, right-aligned. */
    static final int[] CODES = new int[257];
    /** The length in bits of each symbol's code. */
    static final byte[] BITS = new byte[257];
    /** Symbols in canonical order (by length, then value). */
    private static final int[] ORDERED = new int[257];
    /** Per length: the first code of that length, and the index in {@link #ORDERED} of its symbol. */
    private static final int[] FIRST_CODE = new int[31];
    private static final int[] FIRST_INDEX = new int[31];
    private static final int[] COUNT = new int[31];

    static {
        for (int s = 0; s < 257; s++) {
            BITS[s] = (byte) (LENGTHS.charAt(s) - 'A' + 5);
            COUNT[BITS[s]]++;
        }
        int index = 0;
        for (int len = 5; len <= 30; len++) {
            FIRST_INDEX[len] = index;
            for (int s = 0; s < 257; s++) {
                if (BITS[s] == len) {
                    ORDERED[index++] = s;
                }
            }
        }
        int code = 0;
        int prevLen = 5;
        for (int i = 0; i < 257; i++) {
            int s = ORDERED[i];
            int len = BITS[s];
            if (i > 0) {
                code = (code + 1) << (len - prevLen);
            }
            if (i == FIRST_INDEX[len]) {
                FIRST_CODE[len] = code;
            }
            CODES[s] = code;
            prevLen = len;
        }
    }

    private Huffman() {
    }

    /** A string that is not valid Huffman. */
    static final class Invalid extends Exception {
        Invalid(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Decodes {@code src[from, to)} into {@code out} (from {@code at}); returns the end of what
     * it wrote, or -1 when {@code out} would overflow {@code limit}.
     */
    static int decode(byte[] src, int from, int to, byte[] out, int at, int limit) throws Invalid {
        int code = 0;
        int len = 0;
        for (int i = from; i < to; i++) {
            int b = src[i] & 0xff;
            for (int bit = 7; bit >= 0; bit--) {
                code = (code << 1) | ((b >>> bit) & 1);
                len++;
                if (len < 5) {
                    continue;
                }
                int offset = code - FIRST_CODE[len];
                if (offset >= 0 && offset < COUNT[len]) {
                    int sym = ORDERED[FIRST_INDEX[len] + offset];
                    if (sym == EOS) {
                        throw new Invalid("the EOS symbol inside a Huffman string");
                    }
                    if (at >= limit) {
                        return -1;
                    }
                    out[at++] = (byte) sym;
                    code = 0;
                    len = 0;
                } else if (len == 30) {
                    throw new Invalid("not a Huffman code");
                }
            }
        }
        if (len > 7 || code != (1 << len) - 1) {
            throw new Invalid("Huffman padding longer than 7 bits, or not EOS's leading ones");
        }
        return at;
    }

    /** The length in bytes of {@code s[from, to)} encoded. */
    static int encodedLength(byte[] s, int from, int to) {
        long bits = 0;
        for (int i = from; i < to; i++) {
            bits += BITS[s[i] & 0xff];
        }
        return (int) ((bits + 7) / 8);
    }

    /** Encodes {@code s[from, to)} into {@code out} at {@code at} (room checked by the caller); the end. */
    static int encode(byte[] s, int from, int to, byte[] out, int at) {
        long acc = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            int sym = s[i] & 0xff;
            acc = (acc << BITS[sym]) | CODES[sym];
            n += BITS[sym];
            while (n >= 8) {
                n -= 8;
                out[at++] = (byte) (acc >>> n);
            }
        }
        if (n > 0) {
            out[at++] = (byte) ((acc << (8 - n)) | (0xff >>> n)); // padded with EOS's leading ones
        }
        return at;
    }
}
