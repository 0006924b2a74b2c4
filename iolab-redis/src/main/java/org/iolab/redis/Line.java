package org.iolab.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;

/**
 * One line in the room's stream: the entry {@code ID o ORIGIN n SEQ l LINE}, where
 * {@code ORIGIN} names the server process that said it (random, per process) and {@code SEQ}
 * counts that process's lines from 1. The stream's id is the room's order; {@code ORIGIN SEQ} is
 * the line's identity, by which a line added twice (a publisher that retried after a connection
 * failed under it) is delivered once ({@link Seen}).
 *
 * @param id the stream entry's id (the room's order)
 * @param origin the server process that said it
 * @param seq its number among that process's lines
 * @param text the line ({@code ip:port message\n})
 */
record Line(StreamEntryID id, String origin, long seq, byte[] text) {

    private static final byte[] ORIGIN = {'o'};
    private static final byte[] SEQ = {'n'};
    private static final byte[] TEXT = {'l'};

    /** The entry's fields for XADD, in order. */
    static Map<byte[], byte[]> fields(String origin, long seq, byte[] text) {
        Map<byte[], byte[]> f = new LinkedHashMap<>(4);
        f.put(ORIGIN, origin.getBytes(StandardCharsets.US_ASCII));
        f.put(SEQ, Long.toString(seq).getBytes(StandardCharsets.US_ASCII));
        f.put(TEXT, text);
        return f;
    }

    /**
     * The entries of a raw XRANGE / XREVRANGE reply ({@code [[id, [field, value, ...]], ...]}),
     * in the reply's order; entries without the fields of a line (written by something else) are
     * left out.
     */
    static List<Line> entries(Object reply) {
        List<Line> lines = new ArrayList<>();
        if (reply instanceof List<?> entries) {
            for (Object e : entries) {
                Line l = entry((List<?>) e);
                if (l != null) {
                    lines.add(l);
                }
            }
        }
        return lines;
    }

    /** The entries of a raw XREAD reply for one stream ({@code [[key, [[id, [f, v, ...]], ...]]]}, or nil). */
    static List<Line> read(Object reply) {
        if (!(reply instanceof List<?> streams) || streams.isEmpty()) {
            return List.of();
        }
        return entries(((List<?>) streams.getFirst()).get(1));
    }

    private static Line entry(List<?> e) {
        StreamEntryID id = new StreamEntryID(new String((byte[]) e.get(0), StandardCharsets.US_ASCII));
        List<?> f = (List<?>) e.get(1);
        String origin = null;
        long seq = -1;
        byte[] text = null;
        for (int i = 0; i + 1 < f.size(); i += 2) {
            byte[] name = (byte[]) f.get(i);
            byte[] value = (byte[]) f.get(i + 1);
            if (name.length == 1) {
                switch (name[0]) {
                    case 'o' -> origin = new String(value, StandardCharsets.US_ASCII);
                    case 'n' -> seq = parse(value);
                    case 'l' -> text = value;
                    default -> { }
                }
            }
        }
        return origin == null || seq < 1 || text == null ? null : new Line(id, origin, seq, text);
    }

    private static long parse(byte[] digits) {
        try {
            return Long.parseLong(new String(digits, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
