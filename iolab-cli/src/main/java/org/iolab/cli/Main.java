package org.iolab.cli;

import java.util.ArrayList;
import java.util.List;
import org.iolab.bench.scenarios.Scenarios;
import org.iolab.server.Engine;
import org.iolab.server.Engines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code iolab} command: serve an app on any engine, talk to it, list the engines.
 * Exit codes: 0 done, 1 runtime failure (a port in use), 2 bad usage (flags, unknown engine or
 * app, an engine that refuses the app).
 */
@Command(name = "iolab",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"One protocol, every IO model: serve the same app over any engine and see what each model costs."},
        subcommands = {ServeCommand.class, ClientCommand.class, EnginesCommand.class, BenchCommand.class, CompareCommand.class,
                SoakCommand.class,
                CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class},
        footer = {"", "Examples:",
                "  iolab serve --engine nio --app upper      upper-case echo on port 9000",
                "  iolab serve --engine threads --app chat   a chat room, a thread per member",
                "  iolab client --port 9000                  talk to it line by line",
                "  iolab engines                             what runs here, and the default",
                "  iolab soak --engine epoll --minutes 10    a long mixed load, nothing lost",
                "  source <(iolab generate-completion)       Tab completion in bash or zsh"})
public final class Main {

    private static final String SEE_HELP = "       (see '%s --help')";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) { // a value the command refused: flags, names, an engine's refusal
                cmd.getErr().println("iolab: " + e.getMessage());
                cmd.getErr().println(SEE_HELP.formatted(cmd.getCommandSpec().qualifiedName()));
                return CommandLine.ExitCode.USAGE;
            }
            cmd.getErr().println("iolab: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        });
        cl.setParameterExceptionHandler(Main::badParameters);
        return cl.execute(args);
    }

    /**
     * A mistyped command line: one line naming what is wrong ({@code iolab: ...}), picocli's
     * suggestions for a mistyped flag or command, and a pointer to {@code --help}; not the whole
     * usage, which buried the one line that mattered.
     */
    private static int badParameters(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        java.io.PrintWriter err = cmd.getErr();
        err.println("iolab: " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                err.println("       did you mean: " + String.join(", ", suggestions) + "?");
            }
        }
        err.println(SEE_HELP.formatted(cmd.getCommandSpec().qualifiedName()));
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** The command line, with the engines' own options and the registries' names in the help. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.getCommandSpec().usageMessage().description(
                "One protocol, every IO model: serve the same app (" + Registries.list(new Registries.AppNames())
                        + ") over any engine (" + Registries.list(Engines.all().stream().map(Engine::name).toList())
                        + "; the default here: " + Engines.defaultEngine().name() + ") and see what each model costs.",
                "Exit status: 0 done; 1 a runtime failure (a port in use, a wrong reply, a server that ended the "
                        + "client's connection); 2 a bad command line; 130/143 a server stopped by SIGINT/SIGTERM.");
        List<String> scenarios = new ArrayList<>(List.of(cl.getSubcommands().get("compare").getCommandSpec()
                .usageMessage().description()));
        scenarios.add("Scenarios:");
        Scenarios.ALL.forEach(s -> scenarios.add("  " + s.title()));
        Scenarios.SWEEPS.forEach(w -> scenarios.add("  " + w.id() + ": scenarios " + w.points().stream()
                .map(p -> Integer.toString(p.number())).collect(java.util.stream.Collectors.joining(",")) + " as line charts"));
        cl.getSubcommands().get("compare").getCommandSpec().usageMessage().description(scenarios.toArray(String[]::new));
        for (String command : new String[] {"serve", "bench", "soak"}) {
            EngineTuning.declare(cl.getSubcommands().get(command).getCommandSpec());
        }
        CommandLine.Model.CommandSpec serve = cl.getSubcommands().get("serve").getCommandSpec();
        Registries.describe(serve, "--threads", "event loops of " + Registries.list(Engines.all().stream()
                .filter(Engine::eventLoops).map(Engine::name).toList()) + " (0: one per core; the others refuse it)");
        Registries.describe(serve, "--engine", "engine: ${COMPLETION-CANDIDATES} (see 'iolab engines'); default: "
                + "the best here, " + Engines.defaultEngine().name());
        return cl;
    }

    /** The version the build wrote into {@code version.properties} (Maven's project version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"iolab " + p.getProperty("version", "(unknown: not built by Maven)") + " on Java "
                    + Runtime.version()};
        }
    }
}
