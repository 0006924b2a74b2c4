package org.iolab.engine.support;

import java.time.Duration;
import java.util.List;

/** Bounded waits on threads, for stopping engines. Thread rule: stateless. */
public final class Threads {

    private Threads() {
    }

    /** Waits up to 5 s for each thread to end; stops waiting when interrupted (and keeps the flag). */
    public static void joinAll(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Sleeps; {@code false} (with the interrupt flag kept) when interrupted. */
    public static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
