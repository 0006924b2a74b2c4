package org.iolab.redis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lines this server has delivered, by identity: for each origin, the highest number
 * delivered. A publisher sends its lines in order and, after a failure, sends the unconfirmed
 * ones again in order, so a line whose number is not above its origin's highest is one delivered
 * before (a retry's copy). Remembers the {@value #ORIGINS} origins heard from last.
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

    /** Whether {@code line} is new here; if so it now counts as delivered. */
    boolean first(Line line) {
        Long before = highest.get(line.origin());
        if (before != null && line.seq() <= before) {
            return false;
        }
        highest.put(line.origin(), line.seq());
        return true;
    }
}
