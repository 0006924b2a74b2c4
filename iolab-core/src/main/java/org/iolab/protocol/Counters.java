package org.iolab.protocol;

/**
 * Where an application counts events of its own beside the server's counters: they show in the
 * server's stats ({@code /stats}, {@code /metrics}) by name. HTTP/2 counts each defence that
 * acted ({@code h2.rapidReset}, {@code h2.pingFlood}, ...).
 *
 * <pre>{@code
 * info.counters().count("h2.rapidReset");
 * }</pre>
 *
 * <p>Thread rule: any thread.
 */
@FunctionalInterface
public interface Counters {

    /** Nowhere: for a connection made outside a server (a test). */
    Counters NONE = event -> { };

    /** Adds one to the counter {@code event}. */
    void count(String event);
}
