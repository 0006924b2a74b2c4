package org.iolab.engine.event;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iolab.engine.support.SafeLog;
import org.iolab.engine.support.Serializer;
import org.iolab.engine.support.TurnClock;
import org.iolab.server.ServerStats;

/**
 * One thread that waits for IO and runs everything of the connections it owns: callbacks,
 * writes, closes, and the tasks and timers other threads hand it. The same loop for every
 * mechanism: what differs is its {@link IoDriver} ({@code D}), which waits and dispatches.
 *
 * <pre>{@code
 * EventLoop<ReactorDriver> loop = new EventLoop<>(stats, l -> new ReactorDriver(l, context, multiplexer));
 * loop.execute(() -> loop.driver().open(fd, factory));
 * }</pre>
 *
 * <p><b>Thread rule.</b> {@link #execute}, {@link #serialize}, {@link #inLoop} and {@link #stop} are
 * safe from any thread; everything else, including {@link #schedule}, runs on the loop thread only.
 *
 * @param <D> the mechanism's driver
 */
public final class EventLoop<D extends IoDriver> implements Runnable, Serializer {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final ServerStats stats;
    private final D driver;
    private volatile Thread thread;
    private volatile boolean stopping;
    /** When the loop's current turn began, for the {@link org.iolab.engine.support.LoopWatchdog}. */
    private final TurnClock clock = new TurnClock();

    private record Timer(long deadline, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            return Long.compare(deadline, o.deadline);
        }
    }

    /**
     * @param stats where failures inside the loop are counted, or {@code null}
     * @param driver makes the loop's driver (which may keep the loop, to hand it work)
     */
    public EventLoop(ServerStats stats, java.util.function.Function<EventLoop<D>, D> driver) {
        this.stats = stats;
        this.driver = driver.apply(this);
    }

    /** The loop's mechanism. */
    public D driver() {
        return driver;
    }

    /** Whether the caller is this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop, soon, in submission order. */
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            driver.wakeup();
        }
    }

    /** Runs {@code task} now when called on the loop, else soon on the loop. Any thread. */
    @Override
    public void serialize(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }

    /** Runs {@code task} on the loop's next turn, even when called on the loop. Any thread. */
    @Override
    public void serializeLater(Runnable task) {
        execute(task);
    }

    /** Whether the caller is this loop's thread. */
    @Override
    public boolean isSerialized() {
        return inLoop();
    }

    /** Runs {@code task} on the loop after {@code delayMillis}. Loop thread only. */
    public void schedule(long delayMillis, Runnable task) {
        timers.add(new Timer(System.nanoTime() + delayMillis * 1_000_000, task));
    }

    /** Asks the loop to end after its current turn. */
    public void stop() {
        stopping = true;
        driver.wakeup();
    }

    /** The loop's thread, once running. */
    public Thread thread() {
        return thread;
    }

    /**
     * The loop. Nothing thrown in it ends it, not even an {@code Error} (out of descriptors the
     * JDK can fail to load a class or a file lazily): each failure is counted, logged
     * (rate-limited) and the loop goes on.
     */
    @Override
    public void run() {
        thread = Thread.currentThread();
        clock.bind();
        try {
            try {
                driver.started();
            } catch (Throwable e) {
                failed("start", e);
                return;
            }
            while (!stopping) {
                try {
                    awake();
                    runTasks();
                    runTimers();
                    long timeout = tasks.isEmpty() ? millisToNextTimer() : 0;
                    clock.end(); // waiting: not a turn (the driver calls awake when it is done waiting)
                    driver.waitForIo(timeout);
                } catch (Throwable t) {
                    failed("loop", t);
                }
            }
            runTasks();
        } finally {
            try {
                driver.prepareToClose();
                runTasks();
                driver.close();
            } catch (Throwable t) {
                failed("close", t);
            }
        }
    }

    /**
     * A turn begins, unless one has: the driver's wait for IO returned and it dispatches now.
     * Every driver calls it once its wait is over (the first dispatch of a batch may call it
     * again: cheap, it only reads). Loop thread.
     */
    public void awake() {
        clock.begin();
    }

    /** The loop's turn clock (the watchdog's to read). */
    public TurnClock clock() {
        return clock;
    }

    /** Counts and logs (rate-limited) a failure inside the loop; never throws. */
    private void failed(String where, Throwable t) {
        if (stats != null) {
            stats.onInternalError();
        }
        SafeLog.log(LOG, System.Logger.Level.ERROR, "event-loop-" + where,
                () -> "event loop " + where + " failed; continuing: " + t, t);
    }

    /** Runs queued tasks; a failing task is logged and never ends the loop. Loop thread. */
    public void runTasks() {
        wakeupPending.set(false);
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (Throwable t) {
                failed("task", t);
            }
        }
    }

    /** Whether tasks wait to run (a busy loop does not park then). */
    public boolean hasTasks() {
        return !tasks.isEmpty();
    }

    private void runTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().deadline - now <= 0) {
            Runnable r = timers.poll().task;
            try {
                r.run();
            } catch (Throwable t) {
                failed("timer", t);
            }
        }
    }

    /** -1 for "no timer", else milliseconds until the next one (at least 1). */
    private long millisToNextTimer() {
        Timer t = timers.peek();
        if (t == null) {
            return -1;
        }
        return Math.max(1, (t.deadline - System.nanoTime() + 999_999) / 1_000_000);
    }
}
