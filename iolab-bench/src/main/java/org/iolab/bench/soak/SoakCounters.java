package org.iolab.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the soak's clients did and what went wrong, counted as it happens. A problem is
 * anything a well-behaved client should never see (a wrong byte, a lost or reordered chat line,
 * a reset); the first few are kept, worded, for the report.
 *
 * <p>Thread rule: any thread.
 */
public final class SoakCounters {

    private static final int KEPT = 20;

    final LongAdder echoMessages = new LongAdder();
    final LongAdder echoBytes = new LongAdder();
    final LongAdder echoConnections = new LongAdder();
    final LongAdder chatLinesSent = new LongAdder();
    final LongAdder chatLinesReceived = new LongAdder();
    final LongAdder chatJoins = new LongAdder();
    final LongAdder churned = new LongAdder();
    final LongAdder problems = new LongAdder();
    private final List<String> kept = new ArrayList<>();

    /** Counts a problem and keeps its description if it is among the first few. */
    void problem(String what) {
        problems.increment();
        synchronized (kept) {
            if (kept.size() < KEPT) {
                kept.add(what);
            }
        }
    }

    public long echoMessages() {
        return echoMessages.sum();
    }

    public long echoBytes() {
        return echoBytes.sum();
    }

    public long echoConnections() {
        return echoConnections.sum();
    }

    public long chatLinesSent() {
        return chatLinesSent.sum();
    }

    public long chatLinesReceived() {
        return chatLinesReceived.sum();
    }

    public long chatJoins() {
        return chatJoins.sum();
    }

    public long churned() {
        return churned.sum();
    }

    public long problems() {
        return problems.sum();
    }

    /** The first problems, worded. */
    public List<String> firstProblems() {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }
}
