package org.iolab.apps;

import java.net.URI;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What carries a chat room's lines between the servers that hold its members: each server
 * publishes a member's line once, and delivers what the bus brings to its own members, its own
 * lines included, so every member everywhere sees one order. {@link InProcessBus} is a room in
 * one process (the default); a bus across processes and machines comes from a
 * {@link Provider} ({@code redis://HOST:PORT}, module iolab-redis).
 *
 * <p>Thread rule: {@link #publish} from any thread and never blocks; the room's callbacks come
 * on the bus's own thread (in process: the publisher's), one at a time, in the bus's order.
 */
public interface Bus extends AutoCloseable {

    /** The room on this server, as the bus sees it. */
    interface Room {
        /** A line published by any server (it ends with a newline). */
        void deliver(byte[] line);

        /** The bus is unreachable: said once per outage; lines published meanwhile wait (bounded) or fail. */
        void down(String why);

        /** The bus is reachable again after {@link #down}; the lines missed meanwhile follow. */
        void up();

        /** Lines this server will never deliver (past the bus's memory, or lost by its store): said when known. */
        default void lost(String why) {
        }

        /** A line said before this server joined the bus: for newcomers' history, not for members present. */
        default void recall(byte[] line) {
        }

        /** How many past lines the room keeps for newcomers: the bus recalls at most this many when it joins. */
        default int history() {
            return 0;
        }
    }

    /** Makes a bus from a URI ({@code redis://HOST:PORT}); registered with {@link ServiceLoader}. */
    interface Provider {
        /**
         * The bus {@code uri} names, or empty when this provider does not know its scheme.
         *
         * @param durable a line counts as sent only once the bus's store has it on a second
         *     machine (Redis: a replica), so a failover loses none
         */
        Optional<Bus> open(URI uri, boolean durable);

        /** The schemes it knows, for messages ({@code redis://HOST:PORT}). */
        String example();
    }

    /**
     * Joins {@code room}: from now on it receives what is published, and first (a bus with a
     * memory) up to {@link Room#history} lines said before, through {@link Room#recall}. One room per bus.
     */
    void join(Room room);

    /**
     * Publishes {@code line} (ending with a newline) to every server's room; when the bus cannot
     * carry it (its queue full while its store is unreachable, or the bus closed first),
     * {@code failed} runs instead (on any thread). Never blocks.
     */
    void publish(byte[] line, Runnable failed);

    /**
     * Runs {@code then} once every line this server has published so far has come back to its
     * room (at once for a bus that delivers as it publishes). It may never run when a line was
     * refused or the bus is down: a caller bounds its wait. Any thread; {@code then} on the
     * caller's thread or the bus's.
     */
    default void whenDelivered(Runnable then) {
        then.run();
    }

    /** Leaves the room and releases the bus's connections and threads. */
    @Override
    void close();

    /**
     * The bus {@code uri} names, from the first provider that knows it.
     *
     * @throws IllegalArgumentException naming the schemes known here
     */
    static Bus open(String uri) {
        return open(uri, false);
    }

    /**
     * The bus {@code uri} names, durable or not (see {@link Provider#open}), from the first
     * provider that knows it.
     *
     * @throws IllegalArgumentException naming the schemes known here
     */
    static Bus open(String uri, boolean durable) {
        URI u;
        try {
            u = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--bus " + uri + " is not a URI (redis://HOST:PORT)");
        }
        StringBuilder known = new StringBuilder();
        for (Provider p : ServiceLoader.load(Provider.class)) {
            Optional<Bus> bus = p.open(u, durable);
            if (bus.isPresent()) {
                return bus.get();
            }
            known.append(known.isEmpty() ? "" : ", ").append(p.example());
        }
        throw new IllegalArgumentException("no bus for '" + uri + "'" + (known.isEmpty()
                ? " (no bus module on the class path)" : "; known: " + known));
    }
}
