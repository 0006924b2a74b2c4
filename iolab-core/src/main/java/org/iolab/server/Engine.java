package org.iolab.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;

/**
 * One IO model: how the server learns that a socket is ready (or an operation done) and which
 * thread runs the application's callbacks. Engines are found with {@link java.util.ServiceLoader}
 * and listed by {@link Engines}; applications reach them through {@link Server}.
 *
 * <p><b>Thread rule.</b> An engine object is stateless and shareable; each {@link #start} makes
 * an independent {@link Running} server.
 */
public interface Engine {

    /** The short name used on the command line ({@code nio}, {@code threads}, ...). */
    String name();

    /** One line on the model: what waits, what runs the callbacks. */
    String model();

    /** Whether this platform can run it, and if not, why. */
    Availability availability();

    /** The application kinds this engine serves. */
    Set<Application.Kind> supports();

    /** Extra words on why {@code kind} is refused, or {@code null}. */
    default String whyNot(Application.Kind kind) {
        return null;
    }

    /** The settings of this engine alone, given in {@link ServerConfig#options()}. */
    default java.util.List<EngineOption> options() {
        return java.util.List.of();
    }

    /**
     * Whether it runs a number of event loops (or completion threads) that
     * {@link ServerConfig#eventLoops()} sets ({@code --threads}); an engine that does not refuses
     * a non-zero value.
     */
    default boolean eventLoops() {
        return false;
    }

    /**
     * Whether it runs another engine inside (the processes engine's workers): the engine options
     * it does not declare itself, and {@link ServerConfig#eventLoops()}, are that engine's, and
     * are checked when it starts it.
     */
    default boolean hostsEngine() {
        return false;
    }

    /** Whether it binds IPv6 addresses as well as IPv4 (the native engines speak IPv4 only). */
    default boolean ipv6() {
        return true;
    }

    /**
     * Whether the application runs in this JVM, so its callbacks see this process's objects;
     * {@code false} for an engine that serves it in other processes, made again from its
     * {@link Application#recipe() recipe}.
     */
    default boolean inProcess() {
        return true;
    }

    /** {@code false} when the engine serves one connection at a time. */
    default boolean concurrent() {
        return true;
    }

    /** Order in listings, lower first. */
    int rank();

    /**
     * Binds and starts serving. Called by {@link Server#start}, which has already checked
     * availability and {@link #supports}.
     */
    Running start(ServerConfig config, Application app) throws IOException;

    /** A started server, as the engine sees it. */
    interface Running {

        InetSocketAddress localAddress();

        ServerStats stats();

        /**
         * Stops accepting, asks every connection to flush and close, waits up to {@code grace},
         * then aborts the rest and stops the engine's threads. Idempotent; returns when done.
         */
        void shutdown(Duration grace);
    }

    /** Whether an engine can run here. */
    record Availability(boolean available, String reason) {

        public static Availability yes() {
            return new Availability(true, "available");
        }

        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
