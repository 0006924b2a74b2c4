package org.iolab.engine.support;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The tasks handed to one connection ({@code Transport.execute}), run serialized in the order
 * they came, each guarded as a callback: one drain at a time takes them from the queue, so a
 * serializer that runs its later work on threads of its own (a {@link SerialLock}) cannot
 * reorder them.
 *
 * <p>Thread rule: {@link #add} from any thread; the drain runs serialized.
 */
final class ConnectionTasks {

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Serializer serializer;
    private final CallbackGuard callbacks;
    private final Runnable drain = this::drain;

    ConnectionTasks(Serializer serializer, CallbackGuard callbacks) {
        this.serializer = serializer;
        this.callbacks = callbacks;
    }

    void add(Runnable task) {
        queue.add(task);
        if (scheduled.compareAndSet(false, true)) {
            serializer.serializeLater(drain);
        }
    }

    private void drain() {
        scheduled.set(false); // before polling: a task added from now on schedules another drain
        Runnable task;
        while ((task = queue.poll()) != null) {
            callbacks.task(task);
        }
    }
}
