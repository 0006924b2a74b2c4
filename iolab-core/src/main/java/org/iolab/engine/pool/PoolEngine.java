package org.iolab.engine.pool;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.iolab.engine.dispatch.Dispatcher;
import org.iolab.engine.dispatch.DispatchEngine;
import org.iolab.server.EngineOption;
import org.iolab.server.ServerConfig;

/**
 * A bounded pool of platform threads ({@code --pool-size}, default two per core). A connection
 * holds its worker until it ends, so the pool size is a hard cap on concurrent long
 * connections: the next ones are accepted but wait, unserved, for a free worker.
 */
public final class PoolEngine extends DispatchEngine {

    public PoolEngine() {
        super("pool", "bounded thread pool (--pool-size, default 2 x cores); connections beyond it wait for a free worker", 30);
    }

    /** {@code --pool-size}: the workers, 0 for two per core. */
    static final EngineOption POOL_SIZE = EngineOption.number("pool-size", "workers of the pool (0: two per core)",
            0, 0, 100_000);

    @Override
    public List<EngineOption> options() {
        return List.of(POOL_SIZE);
    }

    @Override
    protected Dispatcher dispatcher(ServerConfig config) {
        int n = POOL_SIZE.intValue(config);
        int size = n > 0 ? n : 2 * Runtime.getRuntime().availableProcessors();
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
