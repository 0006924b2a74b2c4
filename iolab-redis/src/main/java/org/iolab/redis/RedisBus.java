package org.iolab.redis;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.iolab.apps.Bus;
import redis.clients.jedis.Jedis;

/**
 * A chat room's bus on a Redis stream ({@code redis://HOST:PORT[/ROOM]}, or through Redis
 * Sentinel {@code redis-sentinel://HOST:PORT[,HOST:PORT...]/PRIMARY[/ROOM]}; the stream
 * {@code iolab:chat[:ROOM]}, its last {@value #KEEP} lines or so kept): every server appends its
 * members' lines ({@link Publisher}) and reads the stream from the last line it delivered
 * ({@link StreamReader}), so every member everywhere sees one order, a server cut off from Redis
 * delivers what it missed when it is back, a line is delivered once, and a member who joins is
 * shown the room's recent past. Jedis, blocking, on two threads of the bus's own: no event loop
 * ever waits on Redis.
 *
 * <p>{@code durable}: a line counts as sent only once a replica has it too ({@code WAIT 1}), and
 * is added again on the new primary after a failover when it was not confirmed, so a failover
 * loses none.
 *
 * <p>Redis unreachable when the bus opens is an error (a typo in the address should not look
 * like an outage); later outages are survived.
 *
 * <p>Thread rule: {@link #publish} from any thread, never blocking; the room's callbacks on the
 * reader's thread.
 */
public final class RedisBus implements Bus {

    /**
     * About how many lines the stream keeps ({@code XADD MAXLEN ~}): the room's memory, ten times a
     * server's queue ({@value Publisher#QUEUE}), so what servers flush after an outage stays in
     * the stream until every server has read it (a server that still falls behind tells its
     * members, {@link Seen#takeMissed}). About 100 bytes a line in Redis: 10 MB.
     */
    public static final long KEEP = 100_000;

    private final Endpoint endpoint;
    private final String origin;
    private final Publisher publisher;
    private volatile StreamReader reader;

    /** Makes the bus for {@code redis://} and {@code redis-sentinel://} URIs. */
    public static final class Provider implements Bus.Provider {
        @Override
        public Optional<Bus> open(URI uri, boolean durable) {
            Endpoint e;
            try {
                e = Endpoint.of(uri);
            } catch (redis.clients.jedis.exceptions.JedisException noSentinel) {
                throw new UncheckedIOException("cannot reach the bus " + uri + ": " + why(noSentinel),
                        new java.io.IOException(noSentinel));
            }
            return e == null ? Optional.empty() : Optional.of(new RedisBus(e, durable));
        }

        @Override
        public String example() {
            return "redis://HOST:PORT[/ROOM], redis-sentinel://HOST:PORT[,HOST:PORT...]/PRIMARY[/ROOM]";
        }
    }

    /**
     * Checks that Redis answers, and starts the publisher; reading starts when a room joins.
     *
     * @throws UncheckedIOException when Redis (or every sentinel) cannot be reached now
     */
    RedisBus(Endpoint endpoint, boolean durable) {
        this.endpoint = endpoint;
        try (Jedis probe = endpoint.connect()) {
            probe.ping();
        } catch (RuntimeException e) {
            endpoint.close();
            throw new UncheckedIOException("cannot reach the bus " + endpoint.name + ": " + why(e),
                    new java.io.IOException(e));
        }
        this.origin = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        this.publisher = new Publisher(endpoint, durable, origin);
    }

    @Override
    public synchronized void join(Room room) {
        if (reader != null) {
            throw new IllegalStateException("one room per bus");
        }
        reader = new StreamReader(endpoint, room, origin);
    }

    @Override
    public void whenDelivered(Runnable then) {
        long seq = publisher.lastQueued();
        StreamReader r = reader;
        if (seq == 0 || r == null) {
            then.run();
        } else {
            r.whenDelivered(seq, then);
        }
    }

    @Override
    public void publish(byte[] line, Runnable failed) {
        publisher.offer(line, failed);
    }

    @Override
    public void close() {
        StreamReader r = reader;
        if (r != null) {
            r.close();
        }
        publisher.close();
        endpoint.close();
    }

    static String why(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    static void closeQuietly(Jedis j) {
        try {
            j.close();
        } catch (RuntimeException ignored) {
            // closing anyway
        }
    }
}
