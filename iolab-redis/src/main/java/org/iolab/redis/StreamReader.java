package org.iolab.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.iolab.apps.Bus;
import org.iolab.engine.support.Threads;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.StreamEntryID;

/**
 * The bus's reading side: {@code XREAD BLOCK} on the room's stream from the last id delivered,
 * so a server cut off from Redis, or whose Redis restarted or failed over, goes on from where it
 * was and delivers what it missed, each line once ({@link Seen}), in the stream's one order.
 *
 * <ul>
 *   <li>On its first connection it recalls the stream's last {@link Bus.Room#history} lines for
 *       the room's newcomers and reads on from the newest.</li>
 *   <li>Each later connection first asks {@code XINFO STREAM} whether the stream still holds
 *       what comes after the last id: when the stream's newest id is older (a Redis restarted
 *       without its files, a failover that lost writes) it reads on from the stream's newest,
 *       and when lines after the last id were trimmed away ({@code MAXLEN}) it tells the room
 *       ({@link Bus.Room#lost}).</li>
 *   <li>{@code XREAD} is sent as a plain command with a block ({@value #BLOCK_MILLIS} ms) shorter
 *       than the socket timeout: a silent partition fails the read within
 *       {@link Endpoint#TIMEOUT_MILLIS}, an outage like any other (Jedis's own {@code xread}
 *       would wait without a time limit).</li>
 * </ul>
 * An outage is told once ({@link Bus.Room#down}) and its end once ({@link Bus.Room#up}),
 * reconnecting with a back-off (100 ms doubling to 5 s).
 *
 * <p>Thread rule: one thread of its own; the room's callbacks on it.
 */
final class StreamReader {

    private static final System.Logger LOG = System.getLogger(StreamReader.class.getName());
    static final int BLOCK_MILLIS = 1000;
    private static final byte[] COUNT = "1000".getBytes(StandardCharsets.US_ASCII);

    private final Endpoint endpoint;
    private final Bus.Room room;
    private final String origin;
    private final Seen seen = new Seen();
    /** The highest number among this process's own lines delivered so far. */
    private volatile long ownDelivered;
    /** Callers waiting until this process's lines up to a number have come back ({@link #whenDelivered}). */
    private final java.util.concurrent.ConcurrentLinkedQueue<Waiter> waiters = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private record Waiter(long seq, Runnable then) {
    }
    private final Thread thread;
    private volatile boolean open = true;
    private volatile Jedis reading;
    /** The last entry delivered or recalled; {@code null} before the first connection. */
    private StreamEntryID last;
    private boolean outage;

    /** Starts reading; {@code origin} names this process's own lines ({@link Line#origin}). */
    StreamReader(Endpoint endpoint, Bus.Room room, String origin) {
        this.endpoint = endpoint;
        this.room = room;
        this.origin = origin;
        this.thread = Thread.ofPlatform().daemon(true).name("iolab-redis-reader").start(this::loop);
    }

    /** Runs {@code then} once this process's lines up to number {@code seq} have been delivered here. Any thread. */
    void whenDelivered(long seq, Runnable then) {
        if (seq <= ownDelivered) {
            then.run();
            return;
        }
        waiters.add(new Waiter(seq, then));
        if (seq <= ownDelivered) {
            wake(); // delivered while it was being added
        }
    }

    private void wake() {
        long delivered = ownDelivered;
        for (Waiter w : waiters) {
            if (w.seq() <= delivered && waiters.remove(w)) {
                w.then().run();
            }
        }
    }

    /** Ends the loop (its blocked read fails at once). */
    void close() {
        open = false;
        Jedis j = reading;
        if (j != null) {
            RedisBus.closeQuietly(j);
        }
        thread.interrupt();
    }

    private void loop() {
        long backoff = 100;
        while (open) {
            try (Jedis j = endpoint.connect()) {
                reading = j;
                if (last == null) {
                    recall(j);
                } else {
                    resume(j);
                }
                if (outage) {
                    outage = false;
                    LOG.log(System.Logger.Level.INFO, "the chat bus is back (" + endpoint.name + ")");
                    room.up();
                }
                backoff = 100;
                while (open) {
                    Object reply = j.sendCommand(Protocol.Command.XREAD, Protocol.Keyword.COUNT.getRaw(), COUNT,
                            Protocol.Keyword.BLOCK.getRaw(), Protocol.toByteArray(BLOCK_MILLIS),
                            Protocol.Keyword.STREAMS.getRaw(), endpoint.key, last.toString().getBytes(StandardCharsets.US_ASCII));
                    deliver(Line.read(reply));
                }
            } catch (RuntimeException e) { // JedisException, or a reply not shaped as documented
                reading = null;
                if (!open) {
                    return;
                }
                if (!outage) {
                    outage = true;
                    String why = endpoint.name + ": " + RedisBus.why(e);
                    LOG.log(System.Logger.Level.WARNING, "the chat bus is down (" + why + "); reconnecting");
                    room.down(why);
                }
                if (!Threads.sleep(backoff)) {
                    return;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private void deliver(List<Line> lines) {
        boolean own = false;
        for (Line l : lines) {
            last = l.id();
            if (seen.first(l)) {
                long missed = seen.takeMissed();
                if (missed > 0) { // told where the gap is, before the line that follows it
                    room.lost(missed + (missed == 1 ? " line" : " lines") + " left the room's stream (trimmed past its "
                            + RedisBus.KEEP + " lines, or lost by its store) before this server read "
                            + (missed == 1 ? "it" : "them"));
                }
                room.deliver(l.text());
                if (l.origin().equals(origin)) {
                    ownDelivered = l.seq();
                    own = true;
                }
            }
        }
        if (own && !waiters.isEmpty()) {
            wake();
        }
    }

    /** First connection: the newest lines, oldest first, for newcomers; reading goes on after them. */
    private void recall(Jedis j) {
        int history = room.history();
        List<Line> newest = Line.entries(j.xrevrange(endpoint.key, "+".getBytes(StandardCharsets.US_ASCII),
                "-".getBytes(StandardCharsets.US_ASCII), Math.max(1, history))); // one at least: the id to read on from
        last = newest.isEmpty() ? new StreamEntryID(0, 0) : newest.getFirst().id();
        for (Line l : newest.reversed()) {
            seen.first(l);
            if (history > 0) {
                room.recall(l.text());
            }
        }
        seen.takeMissed(); // the recalled lines only start each origin's count here
    }

    /** A later connection: whether the stream still holds what follows {@link #last}. */
    private void resume(Jedis j) {
        StreamEntryID newest = new StreamEntryID(0, 0);
        StreamEntryID deleted = new StreamEntryID(0, 0);
        Object info;
        try {
            info = j.xinfoStream(endpoint.key);
        } catch (redis.clients.jedis.exceptions.JedisDataException noStream) {
            info = null; // ERR no such key: the store lost the stream, or nobody has spoken since it was made
        }
        if (info instanceof List<?> fields) {
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String name = new String((byte[]) fields.get(i), StandardCharsets.US_ASCII);
                if (fields.get(i + 1) instanceof byte[] value) {
                    StreamEntryID id = new StreamEntryID(new String(value, StandardCharsets.US_ASCII));
                    switch (name) {
                        case "last-generated-id" -> newest = id;
                        case "max-deleted-entry-id" -> deleted = id;
                        default -> { }
                    }
                }
            }
        }
        if (newest.compareTo(last) < 0) {
            LOG.log(System.Logger.Level.WARNING, "the room's stream ends at " + newest + ", before " + last
                    + " delivered here: its store lost lines; reading on from " + newest);
            last = newest;
        } else if (deleted.compareTo(last) > 0) {
            room.lost("lines said while this server was cut off went past the room's memory ("
                    + RedisBus.KEEP + " lines) before it was back");
        }
    }
}
