package org.iolab.server;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything a server needs besides its application. Immutable; change it with the
 * {@code with...} methods.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.defaults().withEngine("nio").withPort(0);
 * }</pre>
 *
 * @param host address to bind (default {@code 127.0.0.1})
 * @param port port to bind, 0 for any free port (default 9000)
 * @param engine engine name, or {@code default} for the best available here
 * @param eventLoops event loops of reactor engines, 0 for one per core
 * @param poolSize workers of the {@code pool} engine, 0 for two per core
 * @param highWater pending output per connection above which it is not writable (64 KiB)
 * @param lowWater pending output below which it becomes writable again (32 KiB)
 * @param maxConnections open connections beyond which new ones are closed at once (10,000)
 * @param backlog listen backlog, 0 for the kernel's somaxconn (4096 if unreadable)
 * @param readBufferSize bytes read per call (64 KiB)
 * @param shutdownGrace how long a graceful stop waits for pending output (15 s)
 * @param options engine-specific settings by name (epoll's {@code trigger}); engines reject
 *     values they do not understand and ignore names that are not theirs
 */
public record ServerConfig(
        String host,
        int port,
        String engine,
        int eventLoops,
        int poolSize,
        int highWater,
        int lowWater,
        int maxConnections,
        int backlog,
        int readBufferSize,
        Duration shutdownGrace,
        Map<String, String> options) {

    public static final String DEFAULT_ENGINE = "default";

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be set");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (engine == null || engine.isBlank()) {
            throw new IllegalArgumentException("engine must be set (or 'default')");
        }
        requireNonNegative("eventLoops", eventLoops);
        requireNonNegative("poolSize", poolSize);
        requireNonNegative("backlog", backlog);
        if (lowWater < 0 || highWater <= lowWater) {
            throw new IllegalArgumentException(
                    "need 0 <= lowWater < highWater, got " + lowWater + " and " + highWater);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        if (readBufferSize < 512) {
            throw new IllegalArgumentException("readBufferSize must be at least 512 bytes");
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must be zero or positive");
        }
        options = Map.copyOf(options);
    }

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 9000, DEFAULT_ENGINE, 0, 0, 64 * 1024, 32 * 1024,
                10_000, 0, 64 * 1024, Duration.ofSeconds(15), Map.of());
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, engine, eventLoops, poolSize, highWater, lowWater,
                maxConnections, backlog, readBufferSize, shutdownGrace, options);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, engine, eventLoops, poolSize, highWater, lowWater,
                maxConnections, backlog, readBufferSize, shutdownGrace, options);
    }

    public ServerConfig withEngine(String e) {
        return new ServerConfig(host, port, e, eventLoops, poolSize, highWater, lowWater,
                maxConnections, backlog, readBufferSize, shutdownGrace, options);
    }

    public ServerConfig withEventLoops(int n) {
        return new ServerConfig(host, port, engine, n, poolSize, highWater, lowWater,
                maxConnections, backlog, readBufferSize, shutdownGrace, options);
    }

    public ServerConfig withPoolSize(int n) {
        return new ServerConfig(host, port, engine, eventLoops, n, highWater, lowWater,
                maxConnections, backlog, readBufferSize, shutdownGrace, options);
    }

    public ServerConfig withWaterMarks(int low, int high) {
        return new ServerConfig(host, port, engine, eventLoops, poolSize, high, low,
                maxConnections, backlog, readBufferSize, shutdownGrace, options);
    }

    public ServerConfig withMaxConnections(int n) {
        return new ServerConfig(host, port, engine, eventLoops, poolSize, highWater, lowWater,
                n, backlog, readBufferSize, shutdownGrace, options);
    }

    public ServerConfig withBacklog(int n) {
        return new ServerConfig(host, port, engine, eventLoops, poolSize, highWater, lowWater,
                maxConnections, n, readBufferSize, shutdownGrace, options);
    }

    public ServerConfig withShutdownGrace(Duration grace) {
        return new ServerConfig(host, port, engine, eventLoops, poolSize, highWater, lowWater,
                maxConnections, backlog, readBufferSize, grace, options);
    }

    /** The same config with the engine option {@code name} set to {@code value}. */
    public ServerConfig withOption(String name, String value) {
        Map<String, String> m = new HashMap<>(options);
        m.put(name, value);
        return new ServerConfig(host, port, engine, eventLoops, poolSize, highWater, lowWater,
                maxConnections, backlog, readBufferSize, shutdownGrace, m);
    }

    /** The engine option {@code name}, or {@code fallback}. */
    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** Event loops to run: the configured number, or one per core. */
    public int effectiveEventLoops() {
        return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }

    /** Pool workers to run: the configured number, or two per core. */
    public int effectivePoolSize() {
        return poolSize > 0 ? poolSize : 2 * Runtime.getRuntime().availableProcessors();
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be zero or positive, got " + value);
        }
    }
}
