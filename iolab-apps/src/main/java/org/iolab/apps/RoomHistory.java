package org.iolab.apps;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A chat room's last lines, shown to a member who joins before any live line, oldest first, each
 * marked {@value ChatRoom#HISTORY_MARK}: as many as the room keeps (0 to
 * {@value ChatRoom#MAX_HISTORY}), lines from before this server started among them when the bus
 * has a memory (Redis).
 *
 * <p>Thread rule: under the room's lock.
 */
final class RoomHistory {

    private static final byte[] MARK = ChatRoom.HISTORY_MARK.getBytes(StandardCharsets.US_ASCII);

    private final int size;
    /** The last {@link #size} lines, oldest first. */
    private final ArrayDeque<byte[]> lines = new ArrayDeque<>();

    /** @throws IllegalArgumentException as {@link #check} */
    RoomHistory(int size) {
        check(size);
        this.size = size;
    }

    /** @throws IllegalArgumentException unless {@code size} is 0 to {@value ChatRoom#MAX_HISTORY} lines */
    static void check(int size) {
        if (size < 0 || size > ChatRoom.MAX_HISTORY) {
            throw new IllegalArgumentException("--history takes 0 to " + ChatRoom.MAX_HISTORY + " lines, got " + size);
        }
    }

    /** How many lines it keeps. */
    int size() {
        return size;
    }

    /** {@code line} is the newest; the oldest goes when it is full. */
    void remember(byte[] line) {
        if (size > 0) {
            if (lines.size() == size) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
    }

    /** Sends every line kept to {@code seat}, marked. */
    void showTo(ChatRoom.Seat seat) {
        for (byte[] past : lines) {
            byte[] marked = new byte[MARK.length + past.length];
            System.arraycopy(MARK, 0, marked, 0, MARK.length);
            System.arraycopy(past, 0, marked, MARK.length, past.length);
            seat.send(marked);
        }
    }
}
