package org.iolab.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running server: an {@link Application} served by one {@link Engine}.
 *
 * <pre>{@code
 * try (Server server = Server.start(ServerConfig.builder().engine("nio").port(0).build(),
 *                                   Application.tcp(info -> new UpperProtocol()))) {
 *     System.out.println("listening on " + server.localAddress());
 *     server.awaitShutdown();
 * }
 * }</pre>
 *
 * <p>Thread rule: every method is safe from any thread. {@link #close()} is a graceful
 * {@link #shutdown} with the configured grace.
 */
public final class Server implements AutoCloseable {

    private final Engine engine;
    private final ServerConfig config;
    private final Engine.Running running;
    private final List<String> notices;
    private final AutoCloseable appResources;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Server(Engine engine, ServerConfig config, Engine.Running running, List<String> notices,
                   AutoCloseable appResources) {
        this.appResources = appResources;
        this.notices = List.copyOf(notices);
        this.engine = engine;
        this.config = config;
        this.running = running;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalArgumentException for an unknown engine, or TLS asked of a UDP app
     * @throws EngineRefusedException when the engine cannot serve this application here
     * @throws IOException when binding fails (port in use, address not local)
     */
    public static Server start(ServerConfig config, Application app) throws IOException {
        if (config.tls() != null && app.kind() == Application.Kind.UDP) {
            throw new IllegalArgumentException("TLS is for TCP apps; a UDP app is served in clear (DTLS is not implemented)");
        }
        Warmup.once();
        Engine engine = Engines.require(config, app.kind());
        List<String> notices = new ArrayList<>();
        ServerConfig effective = DescriptorBudget.cap(config, notices::add);
        return new Server(engine, effective, engine.start(effective, app), notices, resources(app));
    }

    /** The application's own resources (a chat room's bus), closed when the server stops; or null. */
    private static AutoCloseable resources(Application app) {
        Object part = switch (app) {
            case Application.Tcp t -> t.factory();
            case Application.Stream st -> st.handler();
            case Application.Udp u -> u.protocol();
        };
        return part instanceof AutoCloseable c ? c : null;
    }

    /** What the server changed of its config, and why (a connection limit lowered), to tell a person. */
    public List<String> notices() {
        return notices;
    }

    /** The engine that really runs (never {@code default}). */
    public Engine engine() {
        return engine;
    }

    /** The config the server runs with (its connection limit may be lower than asked: see {@link #notices}). */
    public ServerConfig config() {
        return config;
    }

    public InetSocketAddress localAddress() {
        return running.localAddress();
    }

    public int port() {
        return running.localAddress().getPort();
    }

    public ServerStats stats() {
        return running.stats();
    }

    /**
     * Stops accepting, lets every connection flush its pending output and close for up to
     * {@code grace}, then aborts the rest. Idempotent; returns when the engine has stopped.
     */
    public void shutdown(Duration grace) {
        if (stopping.compareAndSet(false, true)) {
            try {
                running.shutdown(grace);
            } finally {
                closeQuietly(appResources);
                stopped.countDown();
            }
        } else {
            awaitShutdown();
        }
    }

    /** Blocks until another thread has shut the server down (the CLI's serve-forever). */
    public void awaitShutdown() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(config.shutdownGrace());
    }

    @Override
    public String toString() {
        return "Server[" + engine.name() + " on " + localAddress() + "]";
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // stopping anyway: the application's resources are let go
            }
        }
    }
}
