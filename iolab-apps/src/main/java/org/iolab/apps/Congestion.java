package org.iolab.apps;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.iolab.apps.ChatRoom.Seat;

/**
 * A chat room's answer to members who do not read, so that one slow reader neither stalls the
 * room nor grows its memory: a member whose output passes the hard cap is dropped at once; while
 * any member is congested (its output above the high-water mark) those who talk are not read;
 * a congested member whose output makes no progress for the stall limit is dropped; when none is
 * congested any more the talkers are read again. A member's {@code writabilityChanged} is
 * advisory, so a watchdog looks at the congested members a few times per stall limit as well.
 *
 * <p>Thread rule: under the room's lock, but for the watchdog's check, which takes it.
 */
final class Congestion {

    private final Object lock;
    private final Set<Seat> members;
    private final long hardCap;
    private final long stallNanos;
    private final ScheduledExecutorService watchdog;
    private final Set<Seat> congested = new HashSet<>();
    private final Set<Seat> pausedTalkers = new HashSet<>();
    private ScheduledFuture<?> watch;
    private final LongAdder drops = new LongAdder();

    /** For the room of {@code lock} and {@code members} (which a drop leaves). */
    Congestion(Object lock, Set<Seat> members, long hardCap, Duration stallLimit, ScheduledExecutorService watchdog) {
        this.lock = lock;
        this.members = members;
        this.hardCap = hardCap;
        this.stallNanos = stallLimit.toNanos();
        this.watchdog = watchdog;
    }

    /** Before a line goes to {@code m}: {@code false} when it is dropped instead (past the hard cap). */
    boolean mayHear(Seat m) {
        if (m.transport().bufferedBytes() > hardCap) {
            drop(m);
            return false;
        }
        return true;
    }

    /** After a line went to {@code m}: watched if its output is now above the high-water mark. */
    void heard(Seat m) {
        if (!m.transport().isWritable() && congested.add(m)) {
            watch();
        }
    }

    /** {@code talker} said something: while members are congested, it is not read. */
    void talked(Seat talker) {
        if (!congested.isEmpty() && pausedTalkers.add(talker)) {
            talker.transport().pauseReading();
        }
    }

    /** {@code m}'s output is back below its low-water mark. */
    void drained(Seat m) {
        if (congested.remove(m) && congested.isEmpty()) {
            resumeTalkers();
        }
    }

    /** {@code m} has left the room. */
    void left(Seat m) {
        pausedTalkers.remove(m);
        drained(m);
    }

    /** Members dropped for not reading. */
    long drops() {
        return drops.sum();
    }

    /** The room's state is settled before any transport is called. */
    private void resumeTalkers() {
        List<Seat> resumed = List.copyOf(pausedTalkers);
        pausedTalkers.clear();
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
        for (Seat p : resumed) {
            p.transport().resumeReading();
        }
    }

    /**
     * The watchdog's, while members are congested: one writable again is drained, one whose
     * output made no progress for the stall limit is dropped.
     */
    private void check() {
        synchronized (lock) {
            for (Seat m : Set.copyOf(congested)) {
                if (m.transport().isWritable()) {
                    congested.remove(m);
                } else if (m.transport().outputStalledFor().toNanos() > stallNanos) {
                    drop(m);
                }
            }
            if (congested.isEmpty()) {
                resumeTalkers();
            }
        }
    }

    private void watch() {
        if (watch == null) {
            long period = Math.clamp(TimeUnit.NANOSECONDS.toMillis(stallNanos) / 4, 10, 250);
            watch = watchdog.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
        }
    }

    private void drop(Seat m) {
        members.remove(m);
        pausedTalkers.remove(m);
        drops.increment();
        m.transport().dropAsSlowConsumer();
        drained(m);
    }
}
