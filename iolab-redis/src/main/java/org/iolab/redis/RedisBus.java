package org.iolab.redis;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.iolab.apps.Bus;
import org.iolab.engine.support.Threads;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A chat room's bus on Redis pub/sub ({@code redis://HOST:PORT[/ROOM]}, channel
 * {@code iolab:chat[:ROOM]}): every server publishes its members' lines to one channel and
 * delivers what the channel brings, in Redis's one order for every subscriber. Jedis, blocking,
 * on two threads of the bus's own, so no event loop ever waits on Redis:
 * <ul>
 *   <li>the subscriber holds the SUBSCRIBE connection and delivers each message to the room;
 *       when the connection fails it tells the room once ({@link Bus.Room#down}), reconnects with
 *       a back-off (100 ms doubling to 5 s), and tells the room when it is subscribed again;</li>
 *   <li>a watchdog sends a PING on that connection every second; when {@link #SILENT_MILLIS} pass
 *       without any sign of life (a PONG, a message, the subscription's confirmation) it closes
 *       the connection, so a partition that leaves it open and silent is an outage like any
 *       other (a SUBSCRIBE connection waits for messages without a time limit, and a quiet room
 *       sends none);</li>
 *   <li>the {@link Publisher} sends lines from a bounded queue as pipelines of PUBLISH commands;
 *       a line it cannot send (down, queue full, the connection failing under it) runs its
 *       {@code failed} instead, so none is lost silently.</li>
 * </ul>
 * Redis unreachable when the bus opens is an error (a typo in the address should not look like
 * an outage); later outages are survived.
 *
 * <p>Thread rule: {@link #publish} from any thread, never blocking; the room's callbacks on the
 * subscriber thread.
 */
public final class RedisBus implements Bus {

    private static final System.Logger LOG = System.getLogger(RedisBus.class.getName());
    private static final int TIMEOUT_MILLIS = 2000;
    /** How often the watchdog asks the subscription for a sign of life. */
    static final long PING_MILLIS = 1000;
    /** A subscription silent this long is taken for cut off and closed. */
    static final long SILENT_MILLIS = 5000;

    private final String uri;
    private final HostAndPort address;
    private final JedisClientConfig config;
    private final byte[] channel;
    private final CountDownLatch firstSubscription = new CountDownLatch(1);
    private final Thread subscriber;
    private final Publisher publisher;
    private volatile Room room;
    private volatile boolean up;
    private volatile boolean open = true;
    private volatile Jedis subscribed;
    /** The subscription under way, or {@code null} between connections. */
    private volatile Listener listening;
    /** When the subscription last showed life ({@link System#nanoTime}). */
    private volatile long heard;
    /** Why the watchdog closed the subscription, or {@code null}: the outage's reason. */
    private volatile String silenced;
    private final Thread watchdog;

    /** Makes the bus for {@code redis://} URIs. */
    public static final class Provider implements Bus.Provider {
        @Override
        public Optional<Bus> open(URI uri) {
            return "redis".equals(uri.getScheme()) ? Optional.of(new RedisBus(uri)) : Optional.empty();
        }

        @Override
        public String example() {
            return "redis://HOST:PORT[/ROOM]";
        }
    }

    /**
     * Connects to the Redis {@code uri} names (port 6379 when it gives none).
     *
     * @throws IllegalArgumentException when the URI has no host
     * @throws UncheckedIOException when Redis cannot be reached now
     */
    public RedisBus(URI uri) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("--bus " + uri + " names no host (redis://HOST:PORT)");
        }
        this.uri = "redis://" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 6379);
        this.address = new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
        this.config = DefaultJedisClientConfig.builder().connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS).clientName("iolab-chat").build();
        String room = uri.getPath() == null || uri.getPath().length() <= 1 ? "" : ":" + uri.getPath().substring(1);
        this.channel = ("iolab:chat" + room).getBytes(StandardCharsets.UTF_8);
        try (Jedis probe = new Jedis(address, config)) {
            probe.ping();
        } catch (JedisException e) {
            throw new UncheckedIOException("cannot reach the bus " + this.uri + ": " + why(e),
                    new java.io.IOException(e));
        }
        subscriber = Thread.ofPlatform().daemon(true).name("iolab-redis-subscriber").start(this::subscribeLoop);
        publisher = new Publisher(address, config, channel, () -> outages);
        watchdog = Thread.ofPlatform().daemon(true).name("iolab-redis-watchdog").start(this::watch);
        try {
            if (!firstSubscription.await(TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "not yet subscribed to " + this.uri + "; lines wait until it is");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void join(Room r) {
        room = r;
    }

    @Override
    public void publish(byte[] line, Runnable failed) {
        if (up) {
            publisher.offer(line, failed);
        } else {
            failed.run();
        }
    }

    private void subscribeLoop() {
        long backoff = 100;
        while (open) {
            heard = System.nanoTime(); // the connection's time starts now (a silent one is closed)
            try (Jedis j = new Jedis(address, config)) {
                Listener l = new Listener(); // a fresh one per connection
                subscribed = j;
                listening = l;
                backoff = 100;
                j.subscribe(l, channel); // returns when closed
            } catch (JedisException e) {
                listening = null;
                if (!open) {
                    return;
                }
                up = false;
                String silent = silenced;
                silenced = null;
                if (!outage) {
                    outage = true;
                    outages++;
                    String why = uri + ": " + (silent != null ? silent : why(e));
                    LOG.log(System.Logger.Level.WARNING, "the chat bus is down (" + why + "); reconnecting");
                    Room r = room;
                    if (r != null) {
                        r.down(why);
                    }
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    /** One subscription's messages, to the room. Runs on the subscriber thread. */
    private final class Listener extends BinaryJedisPubSub {
        @Override
        public void onSubscribe(byte[] ch, int count) {
            heard = System.nanoTime();
            up = true;
            firstSubscription.countDown();
            Room r = room;
            if (outage) {
                outage = false;
                LOG.log(System.Logger.Level.INFO, "the chat bus is back (" + uri + ")");
                if (r != null) {
                    r.up();
                }
            }
        }

        @Override
        public void onPong(byte[] pattern) {
            heard = System.nanoTime();
        }

        @Override
        public void onMessage(byte[] ch, byte[] message) {
            heard = System.nanoTime();
            Room r = room;
            if (r != null) {
                r.deliver(message);
            }
        }
    }

    /**
     * Every {@link #PING_MILLIS}: closes a subscription silent for {@link #SILENT_MILLIS} (the
     * subscriber then reconnects, as after any failure), else asks it for a PONG. Jedis's
     * {@code ping} writes on the connection the subscriber thread reads, its documented use.
     */
    private void watch() {
        while (open && Threads.sleep(PING_MILLIS)) {
            Listener l = listening;
            if (l == null) {
                continue; // between connections: the subscriber's back-off is under way
            }
            if (System.nanoTime() - heard > SILENT_MILLIS * 1_000_000) {
                silenced = "no answer for " + SILENT_MILLIS / 1000 + " s";
                heard = System.nanoTime();
                LOG.log(System.Logger.Level.DEBUG, "the chat bus's subscription is silent; closing it");
                Jedis s = subscribed;
                if (s != null) {
                    closeQuietly(s); // the blocked SUBSCRIBE fails: an outage, told once
                }
            } else if (l.isSubscribed()) {
                try {
                    l.ping();
                } catch (RuntimeException e) {
                    // the connection is failing: the subscriber sees it
                }
            }
        }
    }

    /** The room has been told the bus is down, and not yet that it is back. Subscriber thread. */
    private volatile boolean outage;
    /** How many outages there have been: the publisher reconnects after each. Written by the subscriber thread. */
    private volatile int outages;

    @Override
    public void close() {
        open = false;
        up = false;
        room = null;
        Jedis s = subscribed;
        if (s != null) {
            closeQuietly(s); // the blocked SUBSCRIBE fails, and the loop ends
        }
        publisher.close();
        watchdog.interrupt();
    }

    private static String why(Throwable e) {
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
