package org.iolab.apps.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a target's parts: the values of a query parameter ({@code name=value} pairs split by
 * {@code &}), and percent-decoding (RFC 3986 2.1) of a path or query range, as UTF-8; in a query, {@code +} is
 * a space (the form encoding browsers send). A {@code %} not followed by two hexadecimal
 * digits is kept as it is, as browsers and most servers do.
 *
 * <p>Thread rule: stateless.
 */
final class Percent {

    private Percent() {
    }

    static String decode(byte[] b, int from, int to, boolean query) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            plain = b[i] != '%' && !(query && b[i] == '+') && b[i] >= 0;
        }
        if (plain) {
            return new String(b, from, to - from, StandardCharsets.US_ASCII);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '%' && i + 2 < to && Syntax.hex(b[i + 1]) >= 0 && Syntax.hex(b[i + 2]) >= 0) {
                out.write(Syntax.hex(b[i + 1]) << 4 | Syntax.hex(b[i + 2]));
                i += 2;
            } else {
                out.write(query && c == '+' ? ' ' : c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Every value of parameter {@code name} in the query {@code b[from, to)}, decoded, in order. */
    static List<String> queryValues(byte[] b, int from, int to, String name) {
        List<String> out = new ArrayList<>(1);
        int i = from;
        while (i <= to) {
            int amp = Ascii.indexOf(b, i, to, (byte) '&');
            int end = amp < 0 ? to : amp;
            int eq = Ascii.indexOf(b, i, end, (byte) '=');
            int nameEnd = eq < 0 ? end : eq;
            if (nameEnd > i && decode(b, i, nameEnd, true).equals(name)) {
                out.add(eq < 0 ? "" : decode(b, eq + 1, end, true));
            }
            i = end + 1;
        }
        return out;
    }
}
