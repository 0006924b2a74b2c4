package org.iolab.contract;

import java.util.stream.Stream;
import org.iolab.server.Application;
import org.iolab.server.Engine;
import org.iolab.server.Engines;

/** Engine names for parameterized contract tests: every available engine that fits. */
final class EngineCases {

    private EngineCases() {
    }

    static Stream<String> tcp() {
        return names(Application.Kind.TCP_PROTOCOL, false);
    }

    /**
     * For a test whose app has a recipe (made by {@code Apps}), so it can also be served by
     * worker processes: the in-process engines, then {@code processes} running blocking and
     * epoll workers.
     */
    static Stream<String> named() {
        return Stream.concat(tcp(), processes("processes+blocking", "processes+epoll"));
    }

    /** {@link #named} for a StreamHandler: the thread engines, then processes with blocking workers. */
    static Stream<String> namedStream() {
        return Stream.concat(stream(), processes("processes+blocking"));
    }

    private static Stream<String> processes(String... cases) {
        boolean here = Engines.find("processes").map(e -> e.availability().available()).orElse(false);
        return here ? Stream.of(cases).filter(EngineCases::chosen) : Stream.empty();
    }

    /**
     * {@link #named} for engines that serve several connections at once: h2spec keeps one
     * connection open while it tests on another, which a one-at-a-time engine never reaches.
     */
    static Stream<String> concurrentNamed() {
        return Stream.concat(concurrentTcp(), processes("processes+epoll"));
    }

    /** Engines that serve several connections at once (the chat room needs that). */
    static Stream<String> concurrentTcp() {
        return names(Application.Kind.TCP_PROTOCOL, true);
    }

    /** The engines that run event loops (and nio2's group threads): the ones the blocked-loop watchdog watches. */
    static Stream<String> loops() {
        return tcp().filter(c -> Engines.find(c.split("\\+")[0]).map(Engine::eventLoops).orElse(false));
    }

    static Stream<String> udp() {
        return names(Application.Kind.UDP, false);
    }

    static Stream<String> stream() {
        return names(Application.Kind.TCP_STREAM, false);
    }

    static Stream<String> refusingStream() {
        return Engines.available().stream().filter(Engine::inProcess)
                .filter(e -> !e.supports().contains(Application.Kind.TCP_STREAM)).map(Engine::name);
    }

    static Stream<String> refusingUdp() {
        return Engines.available().stream()
                .filter(e -> !e.supports().contains(Application.Kind.UDP)).map(Engine::name);
    }

    /**
     * Engine cases; epoll runs twice, edge-triggered (its default) and as {@code epoll+level}.
     * {@code -Diolab.test.engines=iouring,virtual} narrows a run to some cases (to chase one engine).
     */
    private static Stream<String> names(Application.Kind kind, boolean concurrentOnly) {
        return Engines.accepting(kind).stream()
                .filter(Engine::inProcess) // the tests' own apps have no recipe: see named()
                .filter(e -> !concurrentOnly || e.concurrent())
                .flatMap(e -> e.name().equals("epoll") ? Stream.of("epoll", "epoll+level") : Stream.of(e.name()))
                .filter(EngineCases::chosen);
    }

    private static boolean chosen(String engineCase) {
        String only = System.getProperty("iolab.test.engines", "").strip();
        return only.isEmpty() || java.util.Arrays.asList(only.split(",")).contains(engineCase);
    }
}
