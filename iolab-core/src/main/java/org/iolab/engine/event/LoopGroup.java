package org.iolab.engine.event;

import java.util.ArrayList;
import java.util.List;
import org.iolab.engine.support.Threads;

/**
 * N event loops, each on a platform thread of its own; loop 0 also owns the listening socket and
 * deals new connections round-robin ({@link #next}). Every event-loop engine uses one: nio,
 * select, poll, epoll, polling (a group of one) and iouring.
 *
 * <p>Thread rule: {@link #next} on loop 0's thread only; {@link #start} and {@link #stop} from
 * the thread that starts or stops the server.
 *
 * @param <L> the engine's loop type
 */
public final class LoopGroup<L extends EventLoop> {

    private final List<L> loops;
    private final List<Thread> threads = new ArrayList<>();
    private int next;

    public LoopGroup(List<L> loops) {
        if (loops.isEmpty()) {
            throw new IllegalArgumentException("a loop group needs at least one loop");
        }
        this.loops = List.copyOf(loops);
    }

    /** Loop 0: the one that accepts. */
    public L first() {
        return loops.get(0);
    }

    public List<L> loops() {
        return loops;
    }

    /** The loop for the next connection, round-robin. Loop 0 only. */
    public L next() {
        L l = loops.get(next);
        next = (next + 1) % loops.size();
        return l;
    }

    /** Starts a thread per loop, named {@code iolab-ENGINE-loop-I}. */
    public void start(String engine) {
        for (int i = 0; i < loops.size(); i++) {
            threads.add(Thread.ofPlatform().name("iolab-" + engine + "-loop-" + i).daemon(true).start(loops.get(i)));
        }
    }

    /** Asks every loop to end and waits for their threads (bounded). */
    public void stop() {
        loops.forEach(EventLoop::stop);
        Threads.joinAll(threads);
    }
}
