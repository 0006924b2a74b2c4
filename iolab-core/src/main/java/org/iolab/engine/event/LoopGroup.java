package org.iolab.engine.event;

import java.util.ArrayList;
import java.util.List;
import org.iolab.engine.support.LoopWatchdog;
import org.iolab.engine.support.Threads;

/**
 * N event loops, each on a platform thread of its own; loop 0 also owns the listening socket and
 * deals new connections round-robin ({@link #next}). Every event-loop engine uses one: nio,
 * select, poll, epoll, polling (a group of one) and iouring.
 *
 * <p>Thread rule: {@link #next} on loop 0's thread only; {@link #start} and {@link #stop} from
 * the thread that starts or stops the server.
 *
 * @param <D> the engine's driver type
 */
public final class LoopGroup<D extends IoDriver> {

    private final List<EventLoop<D>> loops;
    private final List<Thread> threads = new ArrayList<>();
    private LoopWatchdog watchdog;
    private int next;

    public LoopGroup(List<EventLoop<D>> loops) {
        if (loops.isEmpty()) {
            throw new IllegalArgumentException("a loop group needs at least one loop");
        }
        this.loops = List.copyOf(loops);
    }

    /** {@code count} loops, each with a driver {@code drivers} makes for it. */
    public static <D extends IoDriver> LoopGroup<D> of(int count, org.iolab.server.ServerStats stats,
                                                        java.util.function.Function<EventLoop<D>, D> drivers) {
        List<EventLoop<D>> loops = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                loops.add(new EventLoop<>(stats, drivers));
            }
        } catch (RuntimeException e) {
            loops.forEach(l -> l.driver().close()); // the drivers made before this one failed
            throw e;
        }
        return new LoopGroup<>(loops);
    }

    /** Loop 0: the one that accepts. */
    public EventLoop<D> first() {
        return loops.get(0);
    }

    public List<EventLoop<D>> loops() {
        return loops;
    }

    /** The loop for the next connection, round-robin. Loop 0 only. */
    public EventLoop<D> next() {
        EventLoop<D> l = loops.get(next);
        next = (next + 1) % loops.size();
        return l;
    }

    /**
     * Starts a thread per loop, named {@code iolab-ENGINE-loop-I}, and the {@link LoopWatchdog}
     * that reports a turn longer than {@code blockedLoopWarning} (zero: none) to {@code stats}.
     */
    public void start(String engine, java.time.Duration blockedLoopWarning, org.iolab.server.ServerStats stats) {
        for (int i = 0; i < loops.size(); i++) {
            threads.add(Thread.ofPlatform().name("iolab-" + engine + "-loop-" + i).daemon(true).start(loops.get(i)));
        }
        watchdog = LoopWatchdog.startIfOn(engine,
                loops.stream().map(EventLoop::clock).toList(), blockedLoopWarning, stats);
    }

    /** Asks every loop to end and waits for their threads (bounded). */
    public void stop() {
        if (watchdog != null) {
            watchdog.stop();
        }
        loops.forEach(EventLoop::stop);
        Threads.joinAll(threads);
    }
}
