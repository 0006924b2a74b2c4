package org.iolab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.iolab.server.Application;
import org.iolab.server.Engine;
import org.iolab.server.EngineOption;
import org.iolab.server.Engines;
import org.iolab.tls.TlsProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code iolab engines}: every engine, its model, whether it runs here, what it serves. */
@Command(name = "engines", mixinStandardHelpOptions = true,
        header = "List the engines (the IO model of each, whether it runs here, what it serves) and the TLS providers (what serves, its version).",
        description = "Exit status: 0 (2 for a bad command line).")
final class EnginesCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Engines.all().stream().mapToInt(e -> e.name().length()).max().orElse(8);
        String row = "%-" + width + "s %-10s %-17s ";
        out.printf(row + "%s%n", "ENGINE", "AVAILABLE", "SERVES", "MODEL");
        for (Engine e : Engines.all()) {
            String available = e.availability().available() ? "yes" : "no";
            out.printf(row + "%s%n", e.name(), available, serves(e), e.model());
            if (!e.availability().available()) {
                out.printf(row + "why not: %s%n", "", "", "", e.availability().reason());
            }
            for (EngineOption o : e.options()) {
                out.printf(row + "option --%s %s: %s (default %s)%n", "", "", "", o.name(),
                        o.label(), o.description(), o.defaultValue());
            }
        }
        out.println();
        out.println("default: " + Engines.defaultEngine().name()
                + " (the first available of " + String.join(", ", Engines.DEFAULT_PREFERENCE)
                + "; 'serve --engine default' runs it)");
        tlsProviders(out);
        return 0;
    }

    /** The TLS providers, each with what serves and its version, or why it cannot here; and what auto picks. */
    private static void tlsProviders(PrintWriter out) {
        out.println();
        List<TlsProvider> all = TlsProvider.all();
        int width = Math.max(8, all.stream().mapToInt(p -> p.name().length()).max().orElse(8));
        String row = "%-" + width + "s %-10s %s%n";
        out.printf(row, "TLS", "AVAILABLE", "WHAT SERVES (serve --tls --tls-provider NAME)");
        for (TlsProvider p : all) {
            boolean available = p.unavailableReason() == null;
            out.printf(row, p.name(), available ? "yes" : "no", available ? p.description() : "why not: " + p.unavailableReason());
        }
        out.println("auto: " + TlsProvider.named("auto").name()
                + " (the first available provider other than the JDK's, else the JDK's)");
    }

    private static String serves(Engine e) {
        List<String> kinds = new ArrayList<>();
        if (e.supports().contains(Application.Kind.TCP_PROTOCOL)) {
            kinds.add("tcp");
        }
        if (e.supports().contains(Application.Kind.TCP_STREAM)) {
            kinds.add("stream");
        }
        if (e.supports().contains(Application.Kind.UDP)) {
            kinds.add("udp");
        }
        return String.join(",", kinds);
    }
}
