package org.iolab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iolab.server.Engine;
import org.iolab.server.EngineOption;
import org.iolab.server.Engines;
import org.iolab.server.ServerConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Engine settings shared by {@code serve}, {@code bench} and {@code soak}: one flag per option
 * an engine declares ({@code --trigger} for epoll, {@code --pool-size} for pool), added from the
 * registry by {@link #declare}, so a new engine's options reach the CLI without touching it.
 * A flag given for an engine that does not declare it is refused when the server starts.
 *
 * <p>Thread rule: one command line at a time.
 */
final class EngineTuning {

    private EngineTuning() {
    }

    /** Adds a {@code --NAME} flag for every engine option on the class path to {@code command}. */
    static void declare(CommandSpec command) {
        for (EngineOption o : Engines.allOptions()) {
            String owners = String.join(", ", Engines.withOption(o.name()).stream().map(Engine::name).toList());
            OptionSpec.Builder b = OptionSpec.builder("--" + o.name());
            if (o.isFlag()) { // --reuseport alone is on
                b.arity("0..1").fallbackValue("on");
            }
            command.addOption(b
                    .paramLabel(o.label())
                    .type(String.class)
                    .description(o.description() + " (" + owners + " only; default " + o.defaultValue() + ")")
                    .build());
        }
    }

    /** The engine options given on {@code command}'s line, by name. */
    static Map<String, String> given(CommandSpec command) {
        Map<String, String> out = new LinkedHashMap<>();
        for (EngineOption o : Engines.allOptions()) {
            OptionSpec spec = command.findOption("--" + o.name());
            if (spec != null && spec.getValue() != null) {
                out.put(o.name(), spec.getValue());
            }
        }
        return out;
    }

    /** Puts the engine options into {@code b}. */
    static void applyTo(ServerConfig.Builder b, CommandSpec command) {
        given(command).forEach(b::option);
    }

    /** The same settings as {@code serve} flags, for a server the lab starts. */
    static List<String> asArgs(CommandSpec command) {
        List<String> args = new ArrayList<>();
        given(command).forEach((name, value) -> args.addAll(List.of("--" + name, value)));
        return args;
    }
}
