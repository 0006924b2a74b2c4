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
 * @param choices the accepted values, or empty for a whole number from {@code min} to {@code max}
 *     (or, when {@code min > max}, any one word: a name the engine checks itself)
 * @param defaultValue the value when none is given
 * @param min the smallest number accepted (numbers only)
 * @param max the largest number accepted (numbers only)
 */
public record EngineOption(String name, String description, List<String> choices, String defaultValue, int min,
                           int max) {

    public EngineOption {
        Objects.requireNonNull(name, "name");
        choices = List.copyOf(choices);
        if (!choices.isEmpty() && !choices.contains(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' is not among " + choices);
        }
    }

    /** An option that takes one of {@code choices}. */
    public static EngineOption choice(String name, String description, String defaultValue, String... choices) {
        return new EngineOption(name, description, List.of(choices), defaultValue, 0, 0);
    }

    /** An option that takes a whole number from {@code min} to {@code max}. */
    public static EngineOption number(String name, String description, int defaultValue, int min, int max) {
        return new EngineOption(name, description, List.of(), Integer.toString(defaultValue), min, max);
    }

    /** An option that takes one word (a name), which the engine checks when it starts. */
    public static EngineOption word(String name, String description, String defaultValue) {
        return new EngineOption(name, description, List.of(), defaultValue, 1, 0);
    }

    /** An on/off switch: {@code --NAME} alone means on. */
    public static EngineOption flag(String name, String description) {
        return choice(name, description, "off", "off", "on");
    }

    /** Whether this is an on/off switch ({@link #flag}). */
    public boolean isFlag() {
        return choices.equals(List.of("off", "on"));
    }

    /** Whether a switch given in {@code config} is on. */
    public boolean isOn(ServerConfig config) {
        return value(config).equals("on");
    }

    /** The value {@code config} gives, as a number (checked when the server started), or the default. */
    public int intValue(ServerConfig config) {
        return Integer.parseInt(value(config));
    }

    /** The value {@code config} gives (checked when the server started), or the default. */
    public String value(ServerConfig config) {
        return config.options().getOrDefault(name, defaultValue);
    }

    /** @throws IllegalArgumentException naming the flag and the accepted values */
    public void check(String value) {
        if (choices.isEmpty() ? !isNumberInRange(value) : !choices.contains(value)) {
            throw new IllegalArgumentException("--" + name + " must be " + alternatives() + ", got '" + value + "'");
        }
    }

    private boolean isNumberInRange(String value) {
        if (min > max) { // a word
            return !value.isBlank() && value.strip().indexOf(' ') < 0;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n >= min && n <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** What the value looks like on a command line: {@code level|edge}, or {@code N}. */
    public String label() {
        return isFlag() ? "on|off" : choices.isEmpty() ? (min > max ? "NAME" : "N") : String.join("|", choices);
    }

    /** {@code level or edge}; {@code a, b or c}; {@code a number from 1 to 32768}. */
    public String alternatives() {
        if (choices.isEmpty()) {
            return min > max ? "one word" : "a number from " + min + " to " + max;
        }
        if (choices.size() == 1) {
            return choices.get(0);
        }
        return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
    }
}
