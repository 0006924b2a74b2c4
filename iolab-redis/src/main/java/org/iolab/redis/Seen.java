package org.iolab.redis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lines this server has delivered, by identity: for each origin, the highest number
 * delivered. A publisher numbers the lines it queues 1, 2, 3, ... with no gap, sends them in order
 * and, after a failure, sends the unconfirmed ones again in order. So a line whose number is not
 * above its origin's highest is one delivered before (a retry's copy), and one more than a step
 * above it means the lines between never reached this server: trimmed from the stream before it
 * read them, or lost by the store ({@link #takeMissed}). Remembers the {@value #ORIGINS} origins
 * heard from last; an origin heard from for the first time has no gap.
 *
 * <p>Thread rule: the reader's thread only.
 */
final class Seen {

    static final int ORIGINS = 10_000;

    private final Map<String, Long> highest = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > ORIGINS;
        }
    };
    private long missed;

    /** Whether {@code line} is new here; if so it now counts as delivered. */
    boolean first(Line line) {
        Long before = highest.get(line.origin());
        if (before != null && line.seq() <= before) {
            return false;
        }
        if (before != null) {
            missed += line.seq() - before - 1;
        }
        highest.put(line.origin(), line.seq());
        return true;
    }

    /** How many lines were skipped over (numbers never seen between two seen) since last asked. */
    long takeMissed() {
        long m = missed;
        missed = 0;
        return m;
    }
}
