package org.iolab.apps.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Header (or trailer) fields as they came, looked up by name ignoring case, every value of a
 * repeated name kept in order. Each field is copied into one byte array reused for every request
 * ({@link #add}), or left where its framing read it and only pointed at ({@link #addInPlace}: an
 * HTTP/1.1 head in its parser's buffer), to be copied in only if the request outlives those
 * bytes ({@link #keep}). Adding and looking up allocate nothing once the array has grown; the
 * accessors that return strings make them.
 *
 * <p>Thread rule: the connection's callback thread only.
 */
public final class Fields {

    /** The fields' own copy. */
    private byte[] bytes = new byte[512];
    private int length;
    /** Where the fields are: {@link #bytes}, or the framing's buffer they were added in place in. */
    private byte[] view = bytes;
    /** Per field: name start, name end, value start, value end, in {@link #view}. */
    private int[] at = new int[64];
    private int count;

    /** A copy of these fields that owns its bytes. */
    Fields copy() {
        keep();
        Fields f = new Fields();
        f.bytes = Arrays.copyOf(bytes, length);
        f.view = f.bytes;
        f.length = length;
        f.at = Arrays.copyOf(at, 4 * count);
        f.count = count;
        return f;
    }

    /** Empties it for the next request. */
    public void clear() {
        length = 0;
        count = 0;
        if (view != bytes) {
            view = bytes; // written only when it changed: a store into an old object costs a GC barrier
        }
    }

    /** One field: name {@code [ns, ne)} and value {@code [vs, ve)} of {@code src} ({@code ns <= ne <= vs <= ve}), copied in one piece. */
    public void add(byte[] src, int ns, int ne, int vs, int ve) {
        keep();
        int base = length - ns;
        append(src, ns, ve); // one copy: the name, what lies between, the value
        put(ns + base, ne + base, vs + base, ve + base);
    }

    /**
     * One field as {@link #add}, left in {@code src}: the caller keeps those bytes as they are
     * until the fields are cleared, or calls {@link #keep} before it changes them.
     */
    public void addInPlace(byte[] src, int ns, int ne, int vs, int ve) {
        if (view != src) {
            if (count > 0) { // fields from elsewhere before it: all in one place, so copied
                add(src, ns, ne, vs, ve);
                return;
            }
            view = src;
        }
        put(ns, ne, vs, ve);
    }

    /** Copies fields added in place into its own bytes: the buffer they are in is about to change. */
    public void keep() {
        if (view == bytes) {
            return;
        }
        byte[] src = view;
        view = bytes;
        length = 0;
        for (int i = 0; i < 4 * count; i += 4) {
            int base = length - at[i];
            append(src, at[i], at[i + 3]);
            at[i] += base;
            at[i + 1] += base;
            at[i + 2] += base;
            at[i + 3] += base;
        }
    }

    private void put(int ns, int ne, int vs, int ve) {
        if (4 * count + 4 > at.length) {
            at = Arrays.copyOf(at, at.length * 2);
        }
        int i = 4 * count++;
        at[i] = ns;
        at[i + 1] = ne;
        at[i + 2] = vs;
        at[i + 3] = ve;
    }

    /** The first value of {@code name} (any case), or {@code null}. */
    public String first(String name) {
        int i = find(name, 0);
        return i < 0 ? null : value(i);
    }

    /** Every value of {@code name}, one per field line, in order; empty when absent. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(1);
        for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
            out.add(value(i));
        }
        return out;
    }

    /** Whether {@code name} came. Allocates nothing. */
    public boolean has(String name) {
        return find(name, 0) >= 0;
    }

    /** The names that came, lower case, each once, in order of first appearance. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String n = new String(view, at[4 * i], at[4 * i + 1] - at[4 * i], StandardCharsets.US_ASCII)
                    .toLowerCase(Locale.ROOT);
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** How many field lines came. */
    public int count() {
        return count;
    }

    private int find(String name, int from) {
        for (int i = from; i < count; i++) {
            if (Ascii.equalsIgnoreCase(view, at[4 * i], at[4 * i + 1], name)) {
                return i;
            }
        }
        return -1;
    }

    private String value(int i) {
        return new String(view, at[4 * i + 2], at[4 * i + 3] - at[4 * i + 2], StandardCharsets.ISO_8859_1);
    }

    private void append(byte[] src, int from, int to) {
        int n = to - from;
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
            view = bytes;
        }
        System.arraycopy(src, from, bytes, length, n);
        length += n;
    }
}
