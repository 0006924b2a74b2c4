package org.iolab.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.iolab.engine.support.Threads;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.XAddParams;

/**
 * The bus's writing side: this server's lines, from a bounded queue ({@value #QUEUE} lines),
 * appended to the room's stream as one pipeline of {@code XADD ... MAXLEN ~ KEEP} per batch of
 * what has gathered, on a connection of its own.
 *
 * <p>A batch is done when Redis has answered every XADD, and, {@code durable}, when
 * {@code WAIT 1} says a replica has it too (asked again, without adding anything, while the
 * connection lives). Until then it is kept: when the connection fails under it, or the
 * primary changes, the whole batch is added again on the next connection, in order, and readers
 * deliver a line added twice once ({@link Seen}). So Redis unreachable loses nothing: lines
 * wait in the queue and go out when it is back; only a line that finds the queue full, or is
 * still queued when the bus closes, runs its {@code failed} (the sender is told).
 *
 * <p>Thread rule: {@link #offer} from any thread, never blocking; the loop on the publisher
 * thread, which {@link #close} ends.
 */
final class Publisher {

    private static final System.Logger LOG = System.getLogger(Publisher.class.getName());
    static final int QUEUE = 10_000;
    private static final int BATCH = 1000;
    private static final long WAIT_MILLIS = 1000;

    private record Pending(long seq, byte[] line, Runnable failed) {
    }

    private final Endpoint endpoint;
    private final boolean durable;
    /** This process's name in the stream's entries ({@link Line#origin}). */
    private final String origin;
    private final XAddParams add = XAddParams.xAddParams().maxLen(RedisBus.KEEP).approximateTrimming();
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private volatile boolean open = true;
    private volatile Jedis writing;
    private long nextSeq = 1; // guarded by queue's offer order: see offer

    Publisher(Endpoint endpoint, boolean durable, String origin) {
        this.endpoint = endpoint;
        this.durable = durable;
        this.origin = origin;
        this.thread = Thread.ofPlatform().daemon(true).name("iolab-redis-publisher").start(this::loop);
    }

    /** Queues {@code line}, or runs {@code failed} now when the queue is full or the bus closed. Any thread. */
    void offer(byte[] line, Runnable failed) {
        boolean queued;
        synchronized (this) { // numbers in queue order: a retry's copies are recognized by them
            queued = open && queue.offer(new Pending(nextSeq, line, failed));
            if (queued) {
                nextSeq++;
            }
        }
        if (!queued) {
            failed.run();
        }
    }

    /** The number of the last line queued so far (0: none). Any thread. */
    synchronized long lastQueued() {
        return nextSeq - 1;
    }

    /** Ends the loop; what is still queued or unconfirmed runs its {@code failed}. */
    void close() {
        open = false;
        Jedis j = writing;
        if (j != null) {
            RedisBus.closeQuietly(j);
        }
        thread.interrupt();
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>();
        Jedis j = null;
        try {
            j = endpoint.connect(); // up front: the first line does not wait for it, and the bus's connections hold steady
            writing = j;
        } catch (RuntimeException notNow) {
            // the first batch connects, and retries
        }
        long backoff = 100;
        boolean failing = false;
        while (open) {
            if (batch.isEmpty()) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    break;
                }
            }
            queue.drainTo(batch, BATCH - batch.size());
            try {
                if (j == null) {
                    j = endpoint.connect();
                    writing = j;
                }
                send(j, batch);
                batch.clear();
                backoff = 100;
                if (failing) {
                    failing = false;
                    LOG.log(System.Logger.Level.INFO, "the chat bus takes lines again (" + endpoint.name + ")");
                }
            } catch (RuntimeException e) { // the batch stays, to be added again on the next connection
                if (j != null) {
                    RedisBus.closeQuietly(j);
                    j = null;
                    writing = null;
                }
                if (!open) {
                    break;
                }
                if (!failing) {
                    failing = true;
                    LOG.log(System.Logger.Level.WARNING, "the chat bus cannot take lines (" + endpoint.name + ": "
                            + RedisBus.why(e) + "); " + batch.size() + " wait, retrying");
                }
                if (!Threads.sleep(backoff)) {
                    break;
                }
                backoff = Math.min(backoff * 2, 2000);
            }
        }
        if (j != null) {
            RedisBus.closeQuietly(j);
        }
        queue.drainTo(batch);
        batch.forEach(p -> p.failed().run());
    }

    /** Adds the batch; durable, waits until a replica has it. Throws when it cannot say it was done. */
    private void send(Jedis j, List<Pending> batch) {
        Pipeline p = j.pipelined();
        List<Response<byte[]>> added = new ArrayList<>(batch.size());
        for (Pending line : batch) {
            added.add(p.xadd(endpoint.key, add, Line.fields(origin, line.seq(), line.line())));
        }
        Response<Long> replicas = durable ? p.waitReplicas(1, WAIT_MILLIS) : null;
        p.sync();
        for (Response<byte[]> r : added) {
            r.get(); // an error reply (READONLY: a primary demoted under us) throws here
        }
        if (durable) {
            long confirmed = replicas.get();
            boolean told = false;
            while (confirmed < 1 && open) {
                if (!told) {
                    told = true;
                    LOG.log(System.Logger.Level.WARNING, "--bus-durable: no replica has the room's last "
                            + batch.size() + " lines yet; waiting (lines queue meanwhile)");
                }
                confirmed = j.waitReplicas(1, WAIT_MILLIS);
            }
            if (confirmed < 1) {
                throw new IllegalStateException("closed before a replica had the lines");
            }
        }
    }
}
