package org.iolab.apps.http.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HPACK (RFC 7541) by its own examples: the Huffman code against Appendix B's rows, the request
 * sequences of Appendix C.3 (literals) and C.4 (Huffman) through one decoder each, its dynamic
 * table in step; and the limits a peer could turn against the server.
 */
class HpackTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static List<String> decode(HpackDecoder d, String block) throws Http2Exception {
        List<String> out = new ArrayList<>();
        byte[] b = hex(block);
        d.decode(b, 0, b.length, (buf, ns, ne, ve) -> out.add(new String(buf, ns, ne - ns, StandardCharsets.ISO_8859_1)
                + ": " + new String(buf, ne, ve - ne, StandardCharsets.ISO_8859_1)));
        return out;
    }

    @Test
    void appendixB_theCanonicalCodesAreTheAppendixsRows() {
        assertThat(Huffman.CODES[0]).isEqualTo(0x1ff8);
        assertThat(Huffman.BITS[0]).isEqualTo((byte) 13);
        assertThat(Huffman.CODES['a']).isEqualTo(0x3);
        assertThat(Huffman.BITS['a']).isEqualTo((byte) 5);
        assertThat(Huffman.CODES['<']).isEqualTo(0x7ffc);
        assertThat(Huffman.CODES[255]).isEqualTo(0x3ffffee);
        assertThat(Huffman.BITS[255]).isEqualTo((byte) 26);
        assertThat(Huffman.CODES[Huffman.EOS]).isEqualTo(0x3fffffff);
        assertThat(Huffman.BITS[Huffman.EOS]).isEqualTo((byte) 30);
    }

    @Test
    void c4_1_huffmanEncodesAndDecodesTheRfcsExample() throws Exception {
        byte[] text = "www.example.com".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[Huffman.encodedLength(text, 0, text.length)];
        assertThat(Huffman.encode(text, 0, text.length, out, 0)).isEqualTo(out.length);
        assertThat(HexFormat.of().formatHex(out)).isEqualTo("f1e3c2e5f23a6ba0ab90f4ff");
        byte[] back = new byte[64];
        int n = Huffman.decode(out, 0, out.length, back, 0, back.length);
        assertThat(new String(back, 0, n, StandardCharsets.US_ASCII)).isEqualTo("www.example.com");
    }

    @Test
    void c3_threeRequestsWithoutHuffmanShareTheDynamicTable() throws Exception {
        HpackDecoder d = new HpackDecoder(4096, 65536);
        assertThat(decode(d, "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"))
                .containsExactly(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com");
        assertThat(decode(d, "8286 84be 5808 6e6f 2d63 6163 6865"))
                .containsExactly(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com",
                        "cache-control: no-cache");
        assertThat(decode(d, "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65"))
                .containsExactly(":method: GET", ":scheme: https", ":path: /index.html", ":authority: www.example.com",
                        "custom-key: custom-value");
    }

    @Test
    void c4_threeRequestsWithHuffmanShareTheDynamicTable() throws Exception {
        HpackDecoder d = new HpackDecoder(4096, 65536);
        assertThat(decode(d, "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff")).contains(":authority: www.example.com");
        assertThat(decode(d, "8286 84be 5886 a8eb 1064 9cbf")).contains("cache-control: no-cache");
        assertThat(decode(d, "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"))
                .contains(":path: /index.html", "custom-key: custom-value");
    }

    @Test
    void aBombOfOneBigEntryNamedAgainAndAgainIsDecodedButRefused() throws Exception {
        HpackDecoder d = new HpackDecoder(4096, 16 * 1024);
        StringBuilder block = new StringBuilder("40 01 78 7f b9 16"); // literal with indexing: "x", 3000 octets (127 + 2873)
        block.append(" 61".repeat(3000));
        block.append(" be".repeat(200)); // index 62 (the entry) two hundred times: 600 KB decoded
        List<String> got = new ArrayList<>();
        byte[] b = hex(block.toString());
        boolean fits = d.decode(b, 0, b.length, (buf, ns, ne, ve) -> got.add("field"));
        assertThat(fits).isFalse();
        assertThat(got.size()).as("fields delivered up to the limit only").isLessThan(10);
    }

    @Test
    void integersOverflowingAndIndexesOutsideTheTablesAreCompressionErrors() {
        HpackDecoder d = new HpackDecoder(4096, 65536);
        assertThatThrownBy(() -> decode(d, "ff ff ff ff ff ff 7f")).isInstanceOf(Http2Exception.class)
                .hasMessageContaining("28 bits");
        assertThatThrownBy(() -> decode(new HpackDecoder(4096, 65536), "c0")).hasMessageContaining("neither table");
        assertThatThrownBy(() -> decode(new HpackDecoder(4096, 65536), "3fe2 1f")).as("a table size of 4097, over the 4096 allowed")
                .hasMessageContaining("table size");
        assertThatThrownBy(() -> decode(new HpackDecoder(4096, 65536), "82 20")).as("a size update after a field")
                .hasMessageContaining("size update");
        assertThatThrownBy(() -> decode(new HpackDecoder(4096, 65536), "00 85 ff ff ff ff ff 00")).as("EOS in a string")
                .isInstanceOf(Http2Exception.class);
    }
}
