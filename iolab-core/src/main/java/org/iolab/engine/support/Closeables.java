package org.iolab.engine.support;

/** Closing without caring how it went: for sockets being let go. Thread rule: stateless. */
public final class Closeables {

    private Closeables() {
    }

    /** Closes {@code c} if not null, ignoring failures (the resource is being abandoned). */
    public static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort: nothing more can be done with it
        }
    }
}
