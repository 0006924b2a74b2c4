package org.iolab.apps;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.iolab.protocol.ConnectionInfo;
import org.iolab.protocol.Protocol;
import org.iolab.protocol.ProtocolFactory;
import org.iolab.protocol.Transport;

/**
 * A line-based chat room: every line a member sends reaches every member, the sender
 * included, as {@code ip:port message}, in one order for everyone. {@code quit} closes that
 * member only. A line longer than the limit (8 KiB) gets an error line, then the member is closed.
 *
 * <p><b>One room, many servers.</b> A member's line goes out through the room's {@link Bus} and
 * reaches members through it: in one process the bus delivers at once ({@link InProcessBus});
 * across processes and machines every server's room delivers, in the bus's one order, what any
 * of them published. When the bus is down, members get one notice, a line sent meanwhile gets an
 * error line instead of vanishing, and a notice says when the room is back.
 *
 * <p><b>Fairness.</b> A member who keeps reading, however slowly, never misses a line: when a
 * line leaves a member above its high-water mark, the member who said it stops being read
 * (its own client then waits in TCP), and every talker paused so is read again once no member is
 * above the mark. A member who stops reading is dropped when its output makes no progress for
 * the stall limit (10 s, as Redis does for pub/sub clients) or passes the hard cap (8 MiB), so
 * the room never waits longer than that and its memory stays bounded.
 *
 * <pre>{@code
 * Server.start(config, Application.tcp(new ChatRoom()).lines().exemptFromIdleTimeout());
 * Server.start(config, Application.tcp(new ChatRoom(Bus.open("redis://127.0.0.1:6379"))).lines());
 * }</pre>
 *
 * <p>Thread rule: one room for the whole server, shared by connections on many threads.
 * Broadcasts and congestion are serialized by the room's lock, so every member sees lines in the
 * same order; transports never block, so the lock is held only while queueing. The past lines a
 * newcomer is shown ({@code RoomHistory}) and the answer to members who do not read
 * ({@code Congestion}) are classes of their own, under the same lock.
 */
public final class ChatRoom implements ProtocolFactory, AutoCloseable {

    public static final int MAX_LINE = 8 * 1024;
    /** Output waiting for one member beyond which it is dropped at once. */
    public static final long HARD_CAP = 8L * 1024 * 1024;
    /** How long a congested member's output may make no progress before it is dropped. */
    public static final Duration STALL_LIMIT = Duration.ofSeconds(10);
    static final byte[] TOO_LONG =
            ("error: line longer than " + MAX_LINE + " bytes, closing\n").getBytes(StandardCharsets.US_ASCII);
    static final byte[] NOT_SENT = "error: the room is unreachable, this line was not delivered\n"
            .getBytes(StandardCharsets.US_ASCII);
    static final byte[] BACK = "*** the room is back\n".getBytes(StandardCharsets.US_ASCII);
    /** How many past lines a newcomer is shown by default. */
    public static final int DEFAULT_HISTORY = 20;
    /** The most past lines a room keeps for newcomers. */
    public static final int MAX_HISTORY = 1000;
    /** What marks a past line shown to a newcomer: {@code [history] ip:port message}. */
    public static final String HISTORY_MARK = "[history] ";
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("iolab-chat-watchdog").daemon(true).unstarted(r));

    private final Bus bus;
    // guarded by lock
    private final RoomHistory history;
    private final Set<Seat> members = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    // guarded by lock
    private final Congestion congestion;
    private final LongAdder tooLongLines = new LongAdder();

    /** A room in this process with the default limits: 8 MiB, 10 s, 20 lines of history. */
    public ChatRoom() {
        this(new InProcessBus());
    }

    /** A room whose lines travel on {@code bus}, with the default limits. */
    public ChatRoom(Bus bus) {
        this(HARD_CAP, STALL_LIMIT, bus);
    }

    /** A room in this process with these limits (see below). */
    public ChatRoom(long hardCap, Duration stallLimit) {
        this(hardCap, stallLimit, new InProcessBus());
    }

    /** A room with these limits and the default history (see below). */
    public ChatRoom(long hardCap, Duration stallLimit, Bus bus) {
        this(hardCap, stallLimit, bus, DEFAULT_HISTORY);
    }

    /**
     * @param hardCap output waiting for one member beyond which it is dropped at once
     * @param stallLimit how long a congested member's output may make no progress
     * @param bus what carries the room's lines (the room closes it)
     * @param history how many past lines a member who joins is shown first, each marked
     *     {@value #HISTORY_MARK} (0 to {@value #MAX_HISTORY}); a bus with a memory (Redis)
     *     fills them from before this server started too
     */
    public ChatRoom(long hardCap, Duration stallLimit, Bus bus, int history) {
        this.history = new RoomHistory(history);
        this.congestion = new Congestion(lock, members, hardCap, stallLimit, WATCHDOG);
        this.bus = bus;
        bus.join(new Bus.Room() {
            @Override
            public void deliver(byte[] line) {
                broadcast(line);
            }

            @Override
            public void down(String why) {
                notice(("*** the room is unreachable (" + why + "); lines sent meanwhile wait here and go out when "
                        + "it is back\n").getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void up() {
                notice(BACK);
            }

            @Override
            public void lost(String why) {
                notice(("*** lines were lost here: " + why + "\n").getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void recall(byte[] line) {
                synchronized (lock) {
                    ChatRoom.this.history.remember(line);
                }
            }

            @Override
            public int history() {
                return ChatRoom.this.history.size();
            }
        });
    }

    /** Leaves the bus (its connections and threads end). */
    @Override
    public void close() {
        bus.close();
    }

    /**
     * A member's place in the room, whatever its connection speaks: a line member
     * ({@link LineMember}, the TCP app's), a browser's WebSocket ({@code WebMember}).
     *
     * <p>Thread rule: {@link #send} under the room's lock, from any thread; it must not block.
     */
    public interface Seat {
        /** The member's connection (backpressure, the drop). */
        Transport transport();

        /** Sends one of the room's lines ({@code ip:port message\n}) as the member's connection speaks it. */
        void send(byte[] line);
    }

    @Override
    public Protocol newProtocol(ConnectionInfo connection) {
        return new LineMember(this, connection.remoteText() + " ");
    }

    /** {@code seat} is in the room from now on: it is shown the room's history, then hears every line. */
    public void join(Seat seat) {
        synchronized (lock) { // no line goes out between the history and the member's first live line
            history.showTo(seat);
            members.add(seat);
        }
    }

    /** {@code seat} said {@code line} (a whole message: {@code prefix}, the text, {@code \n}); {@code notSent} when the bus cannot carry it. */
    public void say(Seat seat, byte[] line, Runnable notSent) {
        bus.publish(line, notSent);
        synchronized (lock) {
            congestion.talked(seat);
        }
    }

    /** How long a member who quits waits for its own last lines to come back through the bus. */
    static final long QUIT_WAIT_MILLIS = 5000;

    /**
     * {@code seat} quits: it stays in the room until what its server has published so far (its
     * own last lines among it) has come back through the bus, at most {@value #QUIT_WAIT_MILLIS}
     * ms, then leaves and {@code close} runs. On a room in one process, at once.
     */
    public void quit(Seat seat, Runnable close) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable leaveOnce = () -> {
            if (done.compareAndSet(false, true)) {
                left(seat);
                close.run();
            }
        };
        ScheduledFuture<?> bound = WATCHDOG.schedule(leaveOnce, QUIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        bus.whenDelivered(() -> {
            bound.cancel(false);
            leaveOnce.run();
        });
    }

    /** {@code seat} has left (or its connection ended). */
    public void leave(Seat seat) {
        left(seat);
    }

    /** {@code seat}'s output fell back below its low-water mark. */
    public void writable(Seat seat) {
        synchronized (lock) {
            congestion.drained(seat);
        }
    }

    /** The room's line for {@code text[from, from+length)} said by {@code prefix} ({@code ip:port }): prefix, text, newline. */
    static byte[] message(byte[] prefix, byte[] text, int from, int length) {
        byte[] message = new byte[prefix.length + length + 1];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(text, from, message, prefix.length, length);
        message[message.length - 1] = '\n';
        return message;
    }

    /** Counts a member closed for a line over {@link #MAX_LINE}. */
    void lineTooLong() {
        tooLongLines.increment();
    }

    /** Members present now. */
    public int size() {
        return members.size();
    }

    /** Members dropped for not reading (hard cap or no progress). */
    public long slowConsumerDrops() {
        return congestion.drops();
    }

    /** Members closed for sending a line over {@link #MAX_LINE}. */
    public long tooLongLines() {
        return tooLongLines.sum();
    }

    /** A line the bus brought, to every member here. */
    private void broadcast(byte[] message) {
        synchronized (lock) {
            history.remember(message);
            for (Seat m : members) {
                if (congestion.mayHear(m)) {
                    m.send(message);
                    congestion.heard(m);
                }
            }
        }
    }

    /** A line from the room itself (the bus went down or came back) to every member here. */
    private void notice(byte[] text) {
        synchronized (lock) {
            for (Seat m : members) {
                m.send(text);
            }
        }
    }

    private void left(Seat m) {
        members.remove(m);
        synchronized (lock) {
            congestion.left(m);
        }
    }
}
