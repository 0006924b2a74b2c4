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
    private static final List<String> DEFAULT_PREFERENCE = List.of("epoll", "nio");

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

    /** Available engines that serve {@code kind}. */
    public static List<Engine> accepting(Application.Kind kind) {
        return available().stream().filter(e -> e.supports().contains(kind)).toList();
    }

    private static String names(List<Engine> engines) {
        return engines.stream().map(Engine::name).collect(Collectors.joining(", "));
    }
}
