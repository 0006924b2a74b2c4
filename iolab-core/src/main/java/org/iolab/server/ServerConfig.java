package org.iolab.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.iolab.tls.TlsConfig;

/**
 * Everything a server needs besides its application. Immutable; made with a {@link Builder}.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder().engine("nio").port(0).build();
 * ServerConfig other = config.toBuilder().eventLoops(1).build();
 * }</pre>
 *
 * <p>Thread rule: immutable; a builder is for one thread.
 *
 * <p>Over 300 lines on purpose: one setting per component and its builder method, each with the
 * Javadoc a user reads; the checks of each value are in the compact constructor, together.
 *
 * @param host address to bind (default {@code 127.0.0.1})
 * @param port port to bind, 0 for any free port (default 9000)
 * @param engine engine name, or {@code default} for the best available here
 * @param eventLoops event loops of the engines that run them ({@link Engine#eventLoops()}: the
 *     event-loop engines, nio2's threads), 0 for one per core; the others refuse any other value
 * @param highWater pending output per connection above which it is not writable (64 KiB)
 * @param lowWater pending output below which it becomes writable again (32 KiB)
 * @param maxConnections open connections beyond which new ones are closed at once (10,000)
 * @param backlog listen backlog, 0 for the kernel's somaxconn (4096 if unreadable)
 * @param readBufferSize bytes read per call (64 KiB)
 * @param shutdownGrace how long a graceful stop waits for pending output (15 s)
 * @param lineTimeout how long a line-based app waits for a line to be completed before it sends
 *     an error line and closes (30 s; zero: never)
 * @param idleTimeout how long a connection may send nothing before it is closed (300 s; zero:
 *     never; apps may exempt themselves, as the chat room does for members who only listen)
 * @param writeStallTimeout how long pending output may make no progress before the connection
 *     is reset (60 s; zero: never)
 * @param reusePort bind with {@code SO_REUSEPORT}, so that several processes may each bind the
 *     same port and the kernel spreads connections among them by hash (off)
 * @param inheritedListener serve the listening socket this process inherited on descriptor 0
 *     ({@link java.nio.channels.Channel System.inheritedChannel}, as inetd hands it) instead of
 *     binding one; {@code host} and {@code port} are then only what it was bound to (off)
 * @param options settings of one engine, by name (epoll's {@code trigger}), as that engine
 *     declares them in {@link Engine#options()}; checked when the server starts
 * @param workers the worker pool that runs {@code Transport.executeBlocking}'s tasks (see
 *     {@link Workers}: 256 running, 4,096 waiting, 16 per connection, virtual threads)
 * @param blockedLoopWarning how long one turn of an event loop may run before a warning names
 *     the loop and what it runs (2 s, as Vert.x's; zero: never); every such turn is counted
 *     ({@code blockedLoops})
 * @param tls TLS on every connection (see {@link TlsConfig}: every engine serves it, for
 *     {@code Protocol} and {@code StreamHandler} applications alike; UDP refuses it), or
 *     {@code null} for clear text (the default)
 */
public record ServerConfig(
        String host,
        int port,
        String engine,
        int eventLoops,
        int highWater,
        int lowWater,
        int maxConnections,
        int backlog,
        int readBufferSize,
        Duration shutdownGrace,
        Duration lineTimeout,
        Duration idleTimeout,
        Duration writeStallTimeout,
        boolean reusePort,
        boolean inheritedListener,
        Map<String, String> options,
        Workers workers,
        Duration blockedLoopWarning,
        TlsConfig tls) {

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
        requireNotNegative("shutdownGrace", shutdownGrace);
        requireNotNegative("lineTimeout", lineTimeout);
        requireNotNegative("idleTimeout", idleTimeout);
        requireNotNegative("writeStallTimeout", writeStallTimeout);
        requireNotNegative("blockedLoopWarning", blockedLoopWarning);
        java.util.Objects.requireNonNull(workers, "workers");
        options = Map.copyOf(options);
    }

    /** The defaults, as documented on each component. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this config. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.engine = engine;
        b.eventLoops = eventLoops;
        b.highWater = highWater;
        b.lowWater = lowWater;
        b.maxConnections = maxConnections;
        b.backlog = backlog;
        b.readBufferSize = readBufferSize;
        b.shutdownGrace = shutdownGrace;
        b.lineTimeout = lineTimeout;
        b.idleTimeout = idleTimeout;
        b.writeStallTimeout = writeStallTimeout;
        b.reusePort = reusePort;
        b.inheritedListener = inheritedListener;
        b.options.putAll(options);
        b.workers = workers;
        b.blockedLoopWarning = blockedLoopWarning;
        b.tls = tls;
        return b;
    }

    /** The engine option {@code name}, or {@code fallback}. */
    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** Event loops to run: the configured number, or one per core. */
    public int effectiveEventLoops() {
        return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive");
        }
    }

    /** Whether any timeout is on. */
    public boolean anyTimeout() {
        return !lineTimeout.isZero() || !idleTimeout.isZero() || !writeStallTimeout.isZero();
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be zero or positive, got " + value);
        }
    }

    /** Builds a {@link ServerConfig}; values are checked by {@link #build}. Thread rule: one thread. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 9000;
        private String engine = DEFAULT_ENGINE;
        private int eventLoops;
        private int highWater = 64 * 1024;
        private int lowWater = 32 * 1024;
        private int maxConnections = 10_000;
        private int backlog;
        private int readBufferSize = 64 * 1024;
        private Duration shutdownGrace = Duration.ofSeconds(15);
        private Duration lineTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(300);
        private Duration writeStallTimeout = Duration.ofSeconds(60);
        private boolean reusePort;
        private boolean inheritedListener;
        private final Map<String, String> options = new LinkedHashMap<>();
        private Workers workers = Workers.DEFAULT;
        private Duration blockedLoopWarning = Duration.ofSeconds(2);
        private TlsConfig tls;

        private Builder() {
        }

        /** TLS on every connection, or {@code null} for clear text (see {@link ServerConfig#tls()}). */
        public Builder tls(TlsConfig t) {
            tls = t;
            return this;
        }

        public Builder host(String h) {
            host = h;
            return this;
        }

        public Builder port(int p) {
            port = p;
            return this;
        }

        public Builder engine(String e) {
            engine = e;
            return this;
        }

        public Builder eventLoops(int n) {
            eventLoops = n;
            return this;
        }

        public Builder waterMarks(int low, int high) {
            lowWater = low;
            highWater = high;
            return this;
        }

        public Builder maxConnections(int n) {
            maxConnections = n;
            return this;
        }

        public Builder backlog(int n) {
            backlog = n;
            return this;
        }

        public Builder readBufferSize(int n) {
            readBufferSize = n;
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            shutdownGrace = grace;
            return this;
        }

        public Builder lineTimeout(Duration d) {
            lineTimeout = d;
            return this;
        }

        public Builder idleTimeout(Duration d) {
            idleTimeout = d;
            return this;
        }

        public Builder writeStallTimeout(Duration d) {
            writeStallTimeout = d;
            return this;
        }

        /** Bind with {@code SO_REUSEPORT} (see {@link ServerConfig#reusePort()}). */
        public Builder reusePort(boolean on) {
            reusePort = on;
            return this;
        }

        /** Serve the listener inherited on descriptor 0 (see {@link ServerConfig#inheritedListener()}). */
        public Builder inheritedListener(boolean on) {
            inheritedListener = on;
            return this;
        }

        /** The worker pool of {@code Transport.executeBlocking} (see {@link Workers}). */
        public Builder workers(Workers w) {
            workers = w;
            return this;
        }

        /** How long a loop's turn may run before it is reported as blocked (zero: never). */
        public Builder blockedLoopWarning(Duration d) {
            blockedLoopWarning = d;
            return this;
        }

        /** Forgets every engine option given so far. */
        public Builder clearOptions() {
            options.clear();
            return this;
        }

        /** Sets the engine option {@code name} (see {@link Engine#options()}). */
        public Builder option(String name, String value) {
            options.put(name, value);
            return this;
        }

        /** @throws IllegalArgumentException naming the value that is out of range */
        public ServerConfig build() {
            return new ServerConfig(host, port, engine, eventLoops, highWater, lowWater, maxConnections,
                    backlog, readBufferSize, shutdownGrace, lineTimeout, idleTimeout, writeStallTimeout,
                    reusePort, inheritedListener, options, workers, blockedLoopWarning, tls);
        }
    }
}
