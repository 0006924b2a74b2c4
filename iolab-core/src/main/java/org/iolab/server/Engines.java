package org.iolab.server;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The registry of engines on the class path, found with {@link ServiceLoader}, probed for
 * availability, and the choice behind the name {@code default} (like Python's
 * {@code selectors.DefaultSelector}: the best mechanism this platform has).
 *
 * <p>Thread rule: immutable after class initialization; safe from any thread.
 */
public final class Engines {

    /** Preference for {@code default}: the first available wins. */
    public static final List<String> DEFAULT_PREFERENCE = List.of("epoll", "nio");

    private static final List<Engine> ALL = ServiceLoader.load(Engine.class).stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparingInt(Engine::rank))
            .toList();

    private Engines() {
    }

    /** Every engine on the class path, available or not, in listing order. */
    public static List<Engine> all() {
        return ALL;
    }

    /** The engines this platform can run. */
    public static List<Engine> available() {
        return ALL.stream().filter(e -> e.availability().available()).toList();
    }

    /** The engine {@code default} stands for here. */
    public static Engine defaultEngine() {
        for (String name : DEFAULT_PREFERENCE) {
            Optional<Engine> e = find(name).filter(x -> x.availability().available());
            if (e.isPresent()) {
                return e.get();
            }
        }
        return available().stream().filter(Engine::concurrent).findFirst()
                .orElseThrow(() -> new IllegalStateException("no engine is available here"));
    }

    /** The engine of that name ({@code default} resolved), if it exists. */
    public static Optional<Engine> find(String name) {
        if (ServerConfig.DEFAULT_ENGINE.equals(name)) {
            return Optional.of(defaultEngine());
        }
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * The engine of that name, ready to serve {@code kind}.
     *
     * @throws IllegalArgumentException naming the known engines, when there is no such engine
     * @throws EngineRefusedException when it is unavailable here or does not serve {@code kind}
     */
    public static Engine require(String name, Application.Kind kind) {
        Engine engine = find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown engine '" + name + "'; known engines: " + names(ALL) + ", default"));
        if (!engine.availability().available()) {
            throw new EngineRefusedException("engine " + engine.name()
                    + " is not available here: " + engine.availability().reason());
        }
        if (!engine.supports().contains(kind)) {
            String why = engine.whyNot(kind);
            throw new EngineRefusedException("engine " + engine.name() + " cannot serve "
                    + kind.description() + (why == null ? "" : " (" + why + ")")
                    + "; engines that can: " + names(accepting(kind)));
        }
        return engine;
    }

    /**
     * The engine {@code config} names, ready to serve {@code kind} with the engine options the
     * config gives.
     *
     * @throws IllegalArgumentException for an unknown engine, a setting the engine does not have
     *     (an option of another engine, event loops it does not run, an IPv6 address it cannot
     *     bind), or a value it does not accept; the message names the CLI flag
     * @throws EngineRefusedException when it is unavailable here or does not serve {@code kind}
     */
    public static Engine require(ServerConfig config, Application.Kind kind) {
        Engine engine = require(config.engine(), kind);
        config.options().forEach((name, value) -> {
            boolean own = engine.options().stream().anyMatch(o -> o.name().equals(name));
            if (own || !engine.hostsEngine() || withOption(name).isEmpty()) {
                option(engine, name).check(value);
            } // else: the hosted engine's, checked when it starts
        });
        if (config.eventLoops() != 0 && !engine.eventLoops() && !engine.hostsEngine()) {
            throw new IllegalArgumentException("--threads does not apply to engine " + engine.name()
                    + " (it runs no event loops); it sets the event loops of "
                    + names(ALL.stream().filter(Engine::eventLoops).toList()));
        }
        if (!engine.ipv6() && config.host().contains(":")) {
            throw new IllegalArgumentException("engine " + engine.name() + " speaks IPv4 only, so it cannot bind "
                    + config.host() + "; use --host 127.0.0.1 (or 0.0.0.0), or an engine that speaks IPv6: "
                    + names(available().stream().filter(Engine::ipv6).toList()));
        }
        return engine;
    }

    private static EngineOption option(Engine engine, String name) {
        return engine.options().stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--" + name + " does not apply to engine "
                        + engine.name() + (withOption(name).isEmpty() ? "" : "; it is an option of "
                        + names(withOption(name)))));
    }

    /** Engines that declare an option of that name. */
    public static List<Engine> withOption(String name) {
        return ALL.stream().filter(e -> e.options().stream().anyMatch(o -> o.name().equals(name))).toList();
    }

    /** Every engine option on the class path, once per name (the first declaration wins). */
    public static List<EngineOption> allOptions() {
        java.util.Map<String, EngineOption> byName = new java.util.LinkedHashMap<>();
        ALL.forEach(e -> e.options().forEach(o -> byName.putIfAbsent(o.name(), o)));
        return List.copyOf(byName.values());
    }

    /** Available engines that serve {@code kind}. */
    public static List<Engine> accepting(Application.Kind kind) {
        return available().stream().filter(e -> e.supports().contains(kind)).toList();
    }

    private static String names(List<Engine> engines) {
        return engines.stream().map(Engine::name).collect(Collectors.joining(", "));
    }
}
