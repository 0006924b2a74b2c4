package org.iolab.apps.http.h1;

import org.iolab.apps.http.Syntax;

/**
 * The field lines of a head or of a chunked body's trailers (RFC 9112 5, RFC 9110 5.5), checked
 * byte by byte as they arrive, names and values in tight loops over their character tables:
 *
 * <pre>
 * field-line  = field-name ":" OWS field-value OWS CRLF
 * field-name  = token
 * field-value = *field-content     ; no NUL, CR, LF or other control but HTAB
 * </pre>
 *
 * A line starting with whitespace (obs-fold) or with no name, whitespace before the colon, a
 * control in a value, or a bare CR is refused at that byte. A bare LF ends a line, as RFC 9112
 * 2.2 allows. Where a line's parts are is given as indexes into the caller's buffer, valid
 * until it moves its bytes ({@link #shift}); the limits on a head's size and count are the
 * caller's.
 *
 * <p>Thread rule: one per parser.
 */
final class FieldLine {

    /** Where a scan stopped. */
    enum Step {
        /** The bytes ran out within a line. */
        MORE,
        /** A field line is whole: {@link #colon} and {@link #contentEnd} say where its parts are. */
        LINE,
        /** The blank line that ends the block. */
        END,
        /** A byte the grammar does not allow. */
        BAD
    }

    private enum At { START, NAME, VALUE, VALUE_CR, END_CR }

    private At at = At.START;
    /** The last line's colon. */
    int colon;
    /** Where the last line's content ends (its CR, or its bare LF). */
    int contentEnd;
    /** The index after the last byte a {@link #scan} took. */
    int next;

    /** Before a block of fields. */
    void reset() {
        at = At.START;
    }

    /** Whether the bytes scanned last are the start of the blank line (its CR). */
    boolean inBlankLine() {
        return at == At.END_CR;
    }

    /** The caller moved its bytes {@code by} to the front. */
    void shift(int by) {
        colon -= by;
    }

    /**
     * Scans {@code buf[from, end)} to the end of one line, the end of the block or a bad byte,
     * whichever comes first; {@link #next} is where it stopped.
     */
    Step scan(byte[] buf, int from, int end) {
        int i = from;
        try {
            while (i < end) {
                switch (at) {
                    case START -> {
                        byte b = buf[i++];
                        if (b == '\r') {
                            at = At.END_CR;
                        } else if (b == '\n') {
                            return Step.END;
                        } else if (Syntax.tchar(b)) {
                            at = At.NAME;
                        } else {
                            i--;
                            return Step.BAD;
                        }
                    }
                    case NAME -> {
                        while (i < end && Syntax.tchar(buf[i])) {
                            i++;
                        }
                        if (i == end) {
                            return Step.MORE;
                        }
                        if (buf[i] != ':') {
                            return Step.BAD;
                        }
                        colon = i++;
                        at = At.VALUE;
                    }
                    case VALUE -> {
                        while (i < end && Syntax.fieldValue(buf[i])) {
                            i++;
                        }
                        if (i == end) {
                            return Step.MORE;
                        }
                        byte b = buf[i];
                        if (b == '\r') {
                            at = At.VALUE_CR;
                            i++;
                        } else if (b == '\n') {
                            contentEnd = i++;
                            at = At.START;
                            return Step.LINE;
                        } else {
                            return Step.BAD;
                        }
                    }
                    case VALUE_CR, END_CR -> {
                        if (buf[i] != '\n') {
                            return Step.BAD;
                        }
                        i++;
                        boolean blank = at == At.END_CR;
                        at = At.START;
                        if (blank) {
                            return Step.END;
                        }
                        contentEnd = i - 2;
                        return Step.LINE;
                    }
                }
            }
            return Step.MORE;
        } finally {
            next = i;
        }
    }
}
