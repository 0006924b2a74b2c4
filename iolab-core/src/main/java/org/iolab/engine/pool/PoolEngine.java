package org.iolab.engine.pool;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.iolab.engine.dispatch.Dispatcher;
import org.iolab.engine.dispatch.DispatchEngine;
import org.iolab.server.ServerConfig;

/**
 * A bounded pool of platform threads ({@code --pool-size}, default two per core). A connection
 * holds its worker until it ends, so the pool size is a hard cap on concurrent long
 * connections: the next ones are accepted but wait, unserved, for a free worker.
 */
public final class PoolEngine extends DispatchEngine {

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public String model() {
        return "bounded thread pool (--pool-size, default 2 x cores); connections beyond it wait for a free worker";
    }

    @Override
    public int rank() {
        return 30;
    }

    @Override
    protected Dispatcher dispatcher(ServerConfig config) {
        int size = config.effectivePoolSize();
        AtomicLong serial = new AtomicLong();
        ExecutorService pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> Thread.ofPlatform()
                        .name("iolab-pool-" + serial.incrementAndGet()).daemon(true).unstarted(r));
        return new Dispatcher() {
            @Override
            public void dispatch(Runnable work) {
                pool.execute(work);
            }

            @Override
            public void close() {
                pool.shutdown();
                try {
                    if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                        pool.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    pool.shutdownNow();
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
