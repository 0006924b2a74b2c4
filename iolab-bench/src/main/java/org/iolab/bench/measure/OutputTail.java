package org.iolab.bench.measure;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last lines a process printed, and how many it printed in all, so that one run can ask for
 * what was printed during it alone ({@link #since} a {@link #mark}).
 *
 * <p>Thread rule: any thread.
 */
final class OutputTail {

    private final int kept;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long printed;

    /** @param kept how many of the last lines to keep */
    OutputTail(int kept) {
        this.kept = kept;
    }

    synchronized void add(String line) {
        if (lines.size() == kept) {
            lines.removeFirst();
        }
        lines.addLast(line);
        printed++;
    }

    /** Lines printed so far: a mark for {@link #since}. */
    synchronized long mark() {
        return printed;
    }

    /** The lines printed after {@code mark}, of those still kept. */
    synchronized List<String> since(long mark) {
        long fresh = Math.max(0, Math.min(printed - mark, lines.size()));
        return lines.stream().skip(lines.size() - fresh).toList();
    }
}
