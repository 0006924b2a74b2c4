package org.iolab.engine.support;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The serialization of the lock-based families: completion handlers that arrive on any thread
 * (nio2) and the thread engines (an owner thread, plus flushers and foreign writers). Holding
 * this lock is being serialized (see {@link TransportCore}).
 *
 * <p>{@link #serialize} never waits: a chat room calls transports while holding its own lock, and
 * a member's callback, holding this one, may be waiting for that lock. When the lock is busy the
 * task runs on a virtual thread instead, so tasks must re-read the state they act on rather
 * than carry it (a later task may run first).
 *
 * <p>Thread rule: any thread.
 */
public final class SerialLock extends ReentrantLock implements Serializer {

    /** Runs {@code task} holding the lock: now if it is free (or already held), else on a virtual thread. */
    @Override
    public void serialize(Runnable task) {
        if (tryLock()) {
            try {
                task.run();
            } finally {
                unlock();
            }
        } else {
            serializeLater(task);
        }
    }

    /** Runs {@code task} holding the lock on a virtual thread: never within this call. */
    @Override
    public void serializeLater(Runnable task) {
        Thread.ofVirtual().name("iolab-serial").start(() -> run(task));
    }

    @Override
    public boolean isSerialized() {
        return isHeldByCurrentThread();
    }

    /** Runs {@code task} holding the lock, waiting for it. */
    public void run(Runnable task) {
        lock();
        try {
            task.run();
        } finally {
            unlock();
        }
    }
}
