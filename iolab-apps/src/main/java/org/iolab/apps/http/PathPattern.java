package org.iolab.apps.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A route's path: literal segments, {@code {name}} for one segment of any value, and a last
 * {@code {name...}} for the rest of the path (slashes and all). Matched against a request's raw
 * path a segment at a time, byte for byte, so that matching allocates nothing; a literal holding
 * characters that are sent percent-encoded is compared with the decoded segment instead.
 *
 * <pre>{@code
 * /items/{id}          matches /items/7 (id = 7), not /items or /items/7/x
 * /files/{path...}     matches /files/a/b.txt (path = a/b.txt) and /files/ (path empty)
 * }</pre>
 *
 * <p>Thread rule: immutable.
 */
final class PathPattern {

    /** The most parameters one path may have. */
    static final int MAX_PARAMS = 8;

    private final String text;
    /** Per segment: its literal bytes, or {@code null} for a parameter. */
    private final byte[][] literals;
    private final boolean[] decodeFirst;
    private final String[] names;
    private final boolean rest;

    PathPattern(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("a route's path starts with '/': " + text);
        }
        this.text = text;
        String[] parts = text.substring(1).split("/", -1);
        List<String> params = new ArrayList<>();
        literals = new byte[parts.length][];
        decodeFirst = new boolean[parts.length];
        boolean r = false;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                String name = p.substring(1, p.length() - 1);
                if (name.endsWith("...")) {
                    if (i != parts.length - 1) {
                        throw new IllegalArgumentException("{" + name + "} takes the rest of the path: it must be last in " + text);
                    }
                    name = name.substring(0, name.length() - 3);
                    r = true;
                }
                if (name.isEmpty() || params.contains(name)) {
                    throw new IllegalArgumentException("a path parameter needs a name of its own: " + text);
                }
                params.add(name);
            } else if (p.contains("{") || p.contains("}")) {
                throw new IllegalArgumentException("a parameter is a whole segment, {name}: " + text);
            } else {
                literals[i] = p.getBytes(StandardCharsets.UTF_8);
                decodeFirst[i] = !p.chars().allMatch(PathPattern::sentAsIs);
            }
        }
        if (params.size() > MAX_PARAMS) {
            throw new IllegalArgumentException("a path takes at most " + MAX_PARAMS + " parameters: " + text);
        }
        names = params.toArray(String[]::new);
        rest = r;
    }

    /** The parameters' names, in order. */
    String[] names() {
        return names;
    }

    /**
     * Whether {@code path[from, to)} (a raw path) matches; each parameter's value range is put in
     * {@code offsets} (start, end), which holds two per parameter.
     */
    boolean matches(byte[] path, int from, int to, int[] offsets) {
        if (from >= to || path[from] != '/') {
            return literals.length == 1 && literals[0] != null && literals[0].length == 0 && from == to; // "" as "/"
        }
        int at = from + 1;
        int param = 0;
        for (int i = 0; i < literals.length; i++) {
            boolean last = i == literals.length - 1;
            if (last && rest) {
                offsets[2 * param] = at;
                offsets[2 * param + 1] = to;
                return true;
            }
            if (at > to) {
                return false; // the path has fewer segments
            }
            int slash = Ascii.indexOf(path, at, to, (byte) '/');
            int end = slash < 0 ? to : slash;
            byte[] lit = literals[i];
            if (lit == null) {
                if (end == at) {
                    return false; // a parameter is never empty
                }
                offsets[2 * param] = at;
                offsets[2 * param + 1] = end;
                param++;
            } else if (!literalMatches(i, path, at, end)) {
                return false;
            }
            if (last) {
                return slash < 0; // no segments left over
            }
            if (slash < 0) {
                return false;
            }
            at = slash + 1;
        }
        return true;
    }

    /** Whether {@code path[at, end)} is literal {@code i}: as sent, else once its escapes are decoded. */
    private boolean literalMatches(int i, byte[] path, int at, int end) {
        if (!decodeFirst[i] && Ascii.equals(path, at, end, literals[i])) {
            return true; // as sent: nothing to decode
        }
        return (decodeFirst[i] || hasPercent(path, at, end))
                && Percent.decode(path, at, end, false).equals(new String(literals[i], StandardCharsets.UTF_8));
    }

    private static boolean hasPercent(byte[] b, int from, int to) {
        return Ascii.indexOf(b, from, to, (byte) '%') >= 0;
    }

    /** Characters a client sends in a path as they are (RFC 3986 pchar less pct-encoded). */
    private static boolean sentAsIs(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
