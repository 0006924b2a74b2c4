package org.iolab.bench.soak;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The soak's chat lines and what one member checks of the lines it hears. A line said is
 * {@code soak TOKEN SEQ PAYLOAD CRC}: TOKEN names one visit of one member (a member that leaves
 * and joins again has a new one, whatever port it gets), SEQ counts from 0 within a visit, CRC
 * is the CRC-32 of the rest. Heard, it carries the room's {@code ip:port } prefix. From each
 * visit a member must hear consecutive numbers (none lost, none twice, none out of order) from
 * the first it hears, and every line intact.
 *
 * <p>Thread rule: one checker per member connection, used by its reader thread.
 */
final class ChatLines {

    private static final Pattern HEARD =
            Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+) soak (\\S+) (\\d+) ([A-Za-z0-9]+) ([0-9a-f]+)");
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Map<String, Long> last = new HashMap<>();
    private final SoakCounters counters;
    private final String who;

    ChatLines(SoakCounters counters, String who) {
        this.counters = counters;
        this.who = who;
    }

    /** The line {@code token} says as its {@code seq}-th, newline included. */
    static String say(String token, long seq, java.util.SplittableRandom random) {
        int n = 1 + random.nextInt(200);
        StringBuilder payload = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            payload.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        String body = token + " " + seq + " " + payload;
        return "soak " + body + " " + crc(body) + "\n";
    }

    private static String crc(String body) {
        CRC32 c = new CRC32();
        c.update(body.getBytes(StandardCharsets.US_ASCII));
        return Long.toHexString(c.getValue());
    }

    /**
     * Checks one heard line; returns the sequence number if it came from {@code token}, else -1.
     * The room's history, shown to a member as it joins ({@code [history] ...}), is said before
     * this visit and is not checked.
     */
    long heard(String line, String token) {
        if (line.startsWith(org.iolab.apps.ChatRoom.HISTORY_MARK)) {
            return -1;
        }
        counters.chatLinesReceived.increment();
        Matcher m = HEARD.matcher(line);
        if (!m.matches()) {
            counters.problem("chat: " + who + " heard a malformed line: " + abbreviate(line));
            return -1;
        }
        String from = m.group(2);
        long seq = Long.parseLong(m.group(3));
        if (!crc(from + " " + seq + " " + m.group(4)).equals(m.group(5))) {
            counters.problem("chat: " + who + " heard a corrupted line: " + abbreviate(line));
            return -1;
        }
        Long before = last.put(from, seq);
        if (before != null && seq != before + 1) {
            counters.problem("chat: " + who + " heard line " + seq + " of " + from + " after line " + before
                    + (seq > before + 1 ? " (lost " + (seq - before - 1) + ")" : " (out of order)"));
        }
        return from.equals(token) ? seq : -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
