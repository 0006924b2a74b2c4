package org.iolab.apps.http.h1;

import org.iolab.apps.http.Syntax;

/**
 * The line that starts each chunk of a chunked body (RFC 9112 7.1), checked byte by byte as it
 * arrives:
 *
 * <pre>
 * chunk      = chunk-size [ chunk-ext ] CRLF
 * chunk-size = 1*HEXDIG
 * chunk-ext  = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
 * chunk-ext-name = token ;  chunk-ext-val = token / quoted-string
 * </pre>
 *
 * A size of more than 15 hexadecimal digits (one that overflows), a byte the grammar does not
 * allow, a bare CR, or a line longer than {@value #MAX} bytes (an extension is never worth a
 * server's memory) is refused at that byte. A bare LF ends the line, as RFC 9112 2.2 allows.
 *
 * <p>Thread rule: one per parser.
 */
final class ChunkLine {

    /** The longest chunk line, extensions included. */
    static final int MAX = 4096;
    private static final int MAX_DIGITS = 15;

    /** What a byte did. */
    enum Step { MORE, DONE, BAD }

    private enum At { SIZE, BWS_BEFORE_SEMI, BEFORE_NAME, NAME, AFTER_NAME, BEFORE_VALUE, TOKEN, QUOTED, ESCAPED, AFTER_VALUE, CR }

    private At at;
    private long size;
    private int digits;
    private int length;

    void reset() {
        at = At.SIZE;
        size = 0;
        digits = 0;
        length = 0;
    }

    /** The chunk's size, once {@link #next} said {@link Step#DONE}. */
    long size() {
        return size;
    }

    Step next(byte b) {
        if (++length > MAX) {
            return Step.BAD;
        }
        if (b == '\n' && at != At.QUOTED && at != At.ESCAPED) {
            return ends() ? Step.DONE : Step.BAD;
        }
        if (at == At.CR) {
            return Step.BAD; // a bare CR
        }
        if (b == '\r' && at != At.QUOTED && at != At.ESCAPED) {
            if (!ends()) {
                return Step.BAD;
            }
            at = At.CR;
            return Step.MORE;
        }
        at = switch (at) {
            case SIZE -> {
                int d = Syntax.hex(b);
                if (d >= 0 && digits < MAX_DIGITS) {
                    digits++;
                    size = size * 16 + d;
                    yield At.SIZE;
                }
                yield digits == 0 ? null : b == ';' ? At.BEFORE_NAME : Syntax.whitespace(b) ? At.BWS_BEFORE_SEMI : null;
            }
            case BWS_BEFORE_SEMI, AFTER_VALUE -> b == ';' ? At.BEFORE_NAME : Syntax.whitespace(b) ? at : null;
            case BEFORE_NAME -> Syntax.tchar(b) ? At.NAME : Syntax.whitespace(b) ? at : null;
            case NAME -> Syntax.tchar(b) ? At.NAME : b == '=' ? At.BEFORE_VALUE : b == ';' ? At.BEFORE_NAME
                    : Syntax.whitespace(b) ? At.AFTER_NAME : null;
            case AFTER_NAME -> b == '=' ? At.BEFORE_VALUE : b == ';' ? At.BEFORE_NAME : Syntax.whitespace(b) ? at : null;
            case BEFORE_VALUE -> b == '"' ? At.QUOTED : Syntax.tchar(b) ? At.TOKEN : Syntax.whitespace(b) ? at : null;
            case TOKEN -> Syntax.tchar(b) ? At.TOKEN : b == ';' ? At.BEFORE_NAME : Syntax.whitespace(b) ? At.AFTER_VALUE : null;
            case QUOTED -> b == '"' ? At.AFTER_VALUE : b == '\\' ? At.ESCAPED
                    : Syntax.fieldValue(b) ? At.QUOTED : null; // qdtext: HTAB, SP, VCHAR but " and \, obs-text
            case ESCAPED -> Syntax.fieldValue(b) ? At.QUOTED : null; // quoted-pair
            case CR -> null;
        };
        return at == null ? Step.BAD : Step.MORE;
    }

    /** Whether the line may end here: after the size, a whole extension, or trailing BWS. */
    private boolean ends() {
        return at == At.SIZE ? digits > 0
                : at == At.NAME || at == At.TOKEN || at == At.AFTER_VALUE || at == At.AFTER_NAME || at == At.CR;
    }
}
