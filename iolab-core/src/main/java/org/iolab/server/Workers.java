package org.iolab.server;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * The worker pool of one server: where {@link org.iolab.protocol.Transport#executeBlocking} runs
 * blocking or long work, off the threads that serve connections (an event loop must never
 * block: every other connection it owns would wait).
 *
 * <p>It is bounded twice. At most {@code maxRunning} works run at once and at most
 * {@code maxWaiting} wait for a place; a work that finds both full is <b>refused</b>: it never
 * runs, its completion is told with a {@link java.util.concurrent.RejectedExecutionException}
 * (an HTTP route declared blocking answers 503), and {@code workRefused} counts it. And one
 * connection with more than {@code perConnection} works unfinished stops being read until it
 * is back under, so a client cannot queue work faster than it is done.
 *
 * <pre>{@code
 * ServerConfig.builder().workers(Workers.DEFAULT.withMaxRunning(32)).build();
 * ServerConfig.builder().workers(Workers.DEFAULT.withThreads(Thread.ofPlatform().daemon().factory())).build();
 * }</pre>
 *
 * <p>Thread rule: immutable.
 *
 * @param maxRunning works running at once, at most (256)
 * @param maxWaiting works waiting for a place, at most (4,096); 0: none waits
 * @param perConnection works of one connection, unfinished, above which it is not read (16)
 * @param threads makes the thread each work runs on (a virtual thread unless told)
 */
public record Workers(int maxRunning, int maxWaiting, int perConnection, ThreadFactory threads) {

    /** 256 running, 4,096 waiting, 16 per connection, a virtual thread each. */
    public static final Workers DEFAULT = new Workers(256, 4096, 16,
            Thread.ofVirtual().name("iolab-worker-", 0).factory());

    public Workers {
        if (maxRunning < 1) {
            throw new IllegalArgumentException("workers: maxRunning must be at least 1, got " + maxRunning);
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("workers: maxWaiting must be zero or positive, got " + maxWaiting);
        }
        if (perConnection < 1) {
            throw new IllegalArgumentException("workers: perConnection must be at least 1, got " + perConnection);
        }
        Objects.requireNonNull(threads, "threads");
    }

    public Workers withMaxRunning(int n) {
        return new Workers(n, maxWaiting, perConnection, threads);
    }

    public Workers withMaxWaiting(int n) {
        return new Workers(maxRunning, n, perConnection, threads);
    }

    public Workers withPerConnection(int n) {
        return new Workers(maxRunning, maxWaiting, n, threads);
    }

    public Workers withThreads(ThreadFactory f) {
        return new Workers(maxRunning, maxWaiting, perConnection, f);
    }
}
