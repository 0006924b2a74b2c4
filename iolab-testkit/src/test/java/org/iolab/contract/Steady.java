package org.iolab.contract;

import java.util.function.LongSupplier;

/** Waits (bounded) for a counter that grows to stop: a server that stopped reading. */
final class Steady {

    private Steady() {
    }

    /**
     * The counter's value once it is positive and the same over 300 ms, or its value after 20 s
     * (the caller's assertion then says what it is). Waiting longer never changes the verdict
     * for a server with backpressure; it only gives one without it more time to read everything.
     */
    static long await(LongSupplier counter) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        long last = -1;
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            long now = counter.getAsLong();
            if (now > 0 && now == last) {
                return now;
            }
            last = now;
        }
        return counter.getAsLong();
    }
}
