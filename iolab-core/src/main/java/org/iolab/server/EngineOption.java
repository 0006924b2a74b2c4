package org.iolab.server;

import java.util.List;
import java.util.Objects;

/**
 * A setting that belongs to one engine (epoll's trigger mode), declared by the engine so that
 * the CLI offers it as {@code --NAME}, {@code iolab engines} lists it, and a value is checked in
 * one place ({@link Engines#require}) before the engine starts. Given in
 * {@link ServerConfig#options()}.
 *
 * <pre>{@code
 * static final EngineOption TRIGGER = EngineOption.choice("trigger", "level- or edge-triggered", "edge", "level", "edge");
 * boolean edge = TRIGGER.value(config).equals("edge");
 * }</pre>
 *
 * <p>Thread rule: immutable.
 *
 * @param name the name, also the CLI flag without its dashes
 * @param description one line on what it does
 * @param choices the accepted values
 * @param defaultValue the value when none is given
 */
public record EngineOption(String name, String description, List<String> choices, String defaultValue) {

    public EngineOption {
        Objects.requireNonNull(name, "name");
        choices = List.copyOf(choices);
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' is not among " + choices);
        }
    }

    /** An option that takes one of {@code choices}. */
    public static EngineOption choice(String name, String description, String defaultValue, String... choices) {
        return new EngineOption(name, description, List.of(choices), defaultValue);
    }

    /** The value {@code config} gives (checked when the server started), or the default. */
    public String value(ServerConfig config) {
        return config.options().getOrDefault(name, defaultValue);
    }

    /** @throws IllegalArgumentException naming the flag and the accepted values */
    public void check(String value) {
        if (!choices.contains(value)) {
            throw new IllegalArgumentException("--" + name + " must be " + alternatives() + ", got '" + value + "'");
        }
    }

    /** {@code level or edge}; {@code a, b or c}. */
    public String alternatives() {
        if (choices.size() == 1) {
            return choices.get(0);
        }
        return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
    }
}
