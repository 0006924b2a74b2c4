package org.iolab.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.iolab.apps.Apps;
import org.iolab.bench.peers.Target;
import org.iolab.server.Engine;
import org.iolab.server.Engines;
import org.iolab.server.ServerConfig;

/**
 * Help texts and completions drawn from the registries (engines found by ServiceLoader, the
 * apps, the lab's peers), so that no help text lists a name by hand.
 *
 * <p>Thread rule: stateless.
 */
final class Registries {

    private Registries() {
    }

    /** Every engine name, then {@code default}. */
    static final class EngineNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>(Engines.all().stream().map(Engine::name).toList());
            names.add(ServerConfig.DEFAULT_ENGINE);
            return names.iterator();
        }
    }

    /** Every engine name, then the peers. */
    static final class TargetNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>(Engines.all().stream().map(Engine::name).toList());
            names.addAll(Target.PEERS);
            return names.iterator();
        }
    }

    /** The peers. */
    static final class PeerNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Target.PEERS.iterator();
        }
    }

    /** Every app name. */
    static final class AppNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Apps.names().iterator();
        }
    }

    /** Replaces the help text of {@code command}'s {@code option} with one made from the registries. */
    static void describe(picocli.CommandLine.Model.CommandSpec command, String option, String description) {
        picocli.CommandLine.Model.OptionSpec old = command.findOption(option);
        command.remove(old);
        command.addOption(old.toBuilder().description(description).build());
    }

    /** {@code a, b, c}. */
    static String list(Iterable<String> names) {
        return String.join(", ", names);
    }

    /**
     * Engine, app, peer and scenario names as typed, in any case: {@code EPOLL} is {@code epoll}
     * (the registries' names are lower case).
     */
    static final class Name implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return value.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
