package org.iolab.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one running server. Thread rule: updated by engine threads, read by anyone.
 */
public final class ServerStats {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder acceptErrors = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder datagramsDropped = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();

    /** Connections accepted and served. */
    public long accepted() {
        return accepted.sum();
    }

    /** Connections closed at once because the server was at its connection limit. */
    public long rejected() {
        return rejected.sum();
    }

    /** Failed accept calls (EMFILE and the like); accepting pauses after each. */
    public long acceptErrors() {
        return acceptErrors.sum();
    }

    /** Connections that ended with an error (reset, failure in a callback). */
    public long failed() {
        return failed.sum();
    }

    /** Datagrams not sent because the socket buffer was full. */
    public long datagramsDropped() {
        return datagramsDropped.sum();
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }

    public void onAccepted() {
        accepted.increment();
    }

    public void onRejected() {
        rejected.increment();
    }

    public void onAcceptError() {
        acceptErrors.increment();
    }

    public void onFailed() {
        failed.increment();
    }

    public void onDatagramDropped() {
        datagramsDropped.increment();
    }

    /** A connection opened; returns the new count. */
    public int opened() {
        return open.incrementAndGet();
    }

    public void closed() {
        open.decrementAndGet();
    }

    @Override
    public String toString() {
        return "open=" + open() + " accepted=" + accepted() + " rejected=" + rejected()
                + " acceptErrors=" + acceptErrors() + " failed=" + failed()
                + " datagramsDropped=" + datagramsDropped();
    }
}
