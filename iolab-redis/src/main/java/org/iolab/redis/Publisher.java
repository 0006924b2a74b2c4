package org.iolab.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntSupplier;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The bus's PUBLISH side: lines from a bounded queue ({@value #QUEUE}), sent as one pipeline of
 * PUBLISH commands per batch of what has gathered, on a connection of its own. A line it cannot
 * send (the queue full, the connection failing under it, the bus closed with the line still
 * queued) runs its {@code failed} instead, so none is lost silently. After an outage (the
 * subscriber counts them) an idle connection is replaced before it is used, not retried: a
 * retried PUBLISH could be delivered twice.
 *
 * <p>Thread rule: {@link #offer} from any thread, never blocking; the loop on the publisher
 * thread, which {@link #close} ends.
 */
final class Publisher {

    private static final int QUEUE = 10_000;

    private record Pending(byte[] line, Runnable failed) {
    }

    private final HostAndPort address;
    private final JedisClientConfig config;
    private final byte[] channel;
    private final IntSupplier outages;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private volatile boolean open = true;

    /** Starts the publisher thread; {@code outages} counts the subscription's outages so far. */
    Publisher(HostAndPort address, JedisClientConfig config, byte[] channel, IntSupplier outages) {
        this.address = address;
        this.config = config;
        this.channel = channel;
        this.outages = outages;
        this.thread = Thread.ofPlatform().daemon(true).name("iolab-redis-publisher").start(this::loop);
    }

    /** Queues {@code line}, or runs {@code failed} now when the queue is full. Any thread. */
    void offer(byte[] line, Runnable failed) {
        if (!open || !queue.offer(new Pending(line, failed))) {
            failed.run();
        }
    }

    /** Ends the loop; what is still queued runs its {@code failed}. */
    void close() {
        open = false;
        thread.interrupt();
    }

    private void loop() {
        Jedis j = null;
        int connectedIn = 0;
        List<Pending> batch = new ArrayList<>();
        while (open) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, 1000);
            try {
                if (j != null && connectedIn != outages.getAsInt()) { // it died with the last outage
                    RedisBus.closeQuietly(j);
                    j = null;
                }
                if (j == null) {
                    connectedIn = outages.getAsInt();
                    j = new Jedis(address, config);
                }
                Pipeline p = j.pipelined();
                for (Pending line : batch) {
                    p.publish(channel, line.line());
                }
                p.sync();
            } catch (JedisException e) {
                batch.forEach(line -> line.failed().run());
                if (j != null) {
                    RedisBus.closeQuietly(j);
                    j = null;
                }
            }
            batch.clear();
        }
        if (j != null) {
            RedisBus.closeQuietly(j);
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(line -> line.failed().run());
    }
}
