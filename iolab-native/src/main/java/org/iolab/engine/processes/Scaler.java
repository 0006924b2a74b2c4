package org.iolab.engine.processes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iolab.engine.support.SafeLog;
import org.iolab.engine.support.Threads;

/**
 * {@code --max-workers}: while every worker is busy (each serves one connection at a time) the
 * supervisor starts one more, up to the maximum, one at a time; an extra worker idle for the
 * retire time is stopped, down to {@code --workers}. As Apache's prefork grows its children up
 * to MaxRequestWorkers and trims spare ones. It asks the workers their counts every 100 ms.
 *
 * <p>Thread rule: runs on a thread of its own until the supervisor stops.
 */
final class Scaler {

    private static final System.Logger LOG = System.getLogger(Scaler.class.getName());
    private static final long TICK_MILLIS = 100;

    private final Supervisor supervisor;
    private final int base;
    private final int max;
    private final long retireNanos;
    private final Map<Integer, Long> idleSince = new HashMap<>();

    Scaler(Supervisor supervisor, int base, int max, long retireNanos) {
        this.supervisor = supervisor;
        this.base = base;
        this.max = max;
        this.retireNanos = retireNanos;
    }

    void start() {
        Thread.ofPlatform().daemon(true).name("iolab-supervisor-scaler").start(() -> {
            while (!supervisor.stopping() && Threads.sleep(TICK_MILLIS)) {
                try {
                    tick();
                } catch (RuntimeException e) {
                    SafeLog.warn(LOG, "scaler", () -> "scaling failed; continuing: " + e);
                }
            }
        });
    }

    private void tick() {
        List<WorkerProcess> live = supervisor.workers().stream().filter(w -> !w.retiring).toList();
        if (live.stream().anyMatch(w -> !w.ready.isDone())) {
            return; // one is starting: judge once it serves
        }
        long now = System.nanoTime();
        Map<WorkerProcess, Long> open = new HashMap<>();
        live.forEach(w -> open.put(w, w.stats().getOrDefault("open", 0L)));
        if (!live.isEmpty() && open.values().stream().allMatch(n -> n > 0) && live.size() < max) {
            SafeLog.event(LOG, "scale-up", () -> "all " + live.size() + " workers busy: starting another (at most "
                    + max + ")");
            supervisor.grow();
            return;
        }
        for (WorkerProcess w : live) {
            if (open.get(w) > 0) {
                idleSince.remove(w.number);
            } else {
                idleSince.putIfAbsent(w.number, now);
            }
        }
        idleSince.keySet().retainAll(live.stream().map(w -> w.number).toList());
        if (live.size() > base) {
            live.stream().filter(w -> idleSince.containsKey(w.number) && now - idleSince.get(w.number) >= retireNanos)
                    .findFirst().ifPresent(w -> {
                        idleSince.remove(w.number);
                        SafeLog.event(LOG, "scale-down", () -> w + " idle: retired (" + (live.size() - 1) + " left)");
                        supervisor.retire(w);
                    });
        }
    }
}
