package org.iolab.engine.support;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

/**
 * One connection's works on the server's {@link WorkerPool} ({@code Transport.executeBlocking}):
 * they run in parallel, and their completions are told on the connection's thread in the order
 * the works were given, whatever order they finish in (a finished work waits for those before
 * it). With more than the pool's {@code perConnection} unfinished, the connection stops being
 * read ({@link TransportCore#backlog}) until it is back at the bound.
 *
 * <p>A completion runs as a task handed to the connection does ({@code Transport.execute}):
 * guarded as a callback, after the connection's end too. One that throws ends the connection as
 * a failing callback does; the completions after it are still told.
 *
 * <p>Thread rule: {@link #submit} from any thread; a work on its worker; completions on the
 * connection's serialized thread. The line is guarded by this object's lock, never held while a
 * work or a completion runs.
 */
final class WorkLane {

    private final TransportCore core;
    private final WorkerPool pool;
    private final ArrayDeque<Job<?>> line = new ArrayDeque<>();
    private final Runnable deliver = this::deliver;
    private boolean backlogged;

    WorkLane(TransportCore core, WorkerPool pool) {
        this.core = core;
        this.pool = pool;
    }

    <T> void submit(Callable<? extends T> work, BiConsumer<? super T, ? super Throwable> then) {
        Job<T> job = new Job<>(work, then);
        boolean pause;
        synchronized (this) {
            line.add(job);
            pause = !backlogged && line.size() > pool.config().perConnection();
            backlogged |= pause;
        }
        if (pause) {
            core.backlog(true);
        }
        if (!pool.submit(job)) {
            core.server().stats().onWorkRefused();
            job.failure = new RejectedExecutionException("the worker pool is full (" + pool.config().maxRunning()
                    + " running, " + pool.config().maxWaiting() + " waiting) or stopping: the work was refused");
            job.finished();
        }
    }

    /** Tells the finished works at the head of the line, in order. Serialized (a connection task). */
    private void deliver() {
        Throwable thrown = null;
        boolean resume = false;
        while (true) {
            Job<?> head;
            synchronized (this) {
                head = line.peek();
                if (head == null || !head.done) {
                    break;
                }
                line.poll();
                if (backlogged && line.size() <= pool.config().perConnection()) {
                    backlogged = false;
                    resume = true;
                }
            }
            try {
                head.tell();
            } catch (Throwable t) {
                if (thrown == null) {
                    thrown = t;
                } else {
                    thrown.addSuppressed(t);
                }
            }
        }
        if (resume) {
            core.backlog(false);
        }
        if (thrown instanceof RuntimeException r) {
            throw r;
        } else if (thrown instanceof Error e) {
            throw e;
        } else if (thrown != null) {
            throw new CompletionException(thrown);
        }
    }

    /** One work and its completion. */
    private final class Job<T> implements Runnable {
        private final Callable<? extends T> work;
        private final BiConsumer<? super T, ? super Throwable> then;
        private T result;
        private Throwable failure;
        /** Written last by the worker; the result and failure are read after it. */
        private volatile boolean done;

        Job(Callable<? extends T> work, BiConsumer<? super T, ? super Throwable> then) {
            this.work = work;
            this.then = then;
        }

        @Override
        public void run() {
            try {
                result = work.call();
            } catch (Throwable t) {
                failure = t;
            }
            finished();
        }

        void finished() {
            done = true;
            core.execute(deliver);
        }

        void tell() {
            then.accept(result, failure);
        }
    }
}
