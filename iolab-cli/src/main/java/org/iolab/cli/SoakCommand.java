package org.iolab.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.iolab.bench.soak.Soak;
import org.iolab.bench.soak.SoakReport;
import org.iolab.server.Application;
import org.iolab.server.Engines;
import org.iolab.server.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iolab soak}: minutes of mixed load on one engine; passes when nothing was lost and nothing crept. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        header = "Run a steady mixed load against one engine for minutes.",
        description = {"Echo of random sizes (checked byte by byte), chat members joining, talking and leaving "
                + "(every line checked, none may be lost), slow readers, and rude clients that connect, send "
                + "half a line and reset. Two servers (echo and chat), each in its own process; their memory "
                + "and descriptors are sampled every second (with a processes engine's workers added in; its chat "
                + "room's workers share the room over a redis-server the soak starts).",
                "Exit status: 0 passed (no client met a wrong byte, a lost or reordered line, a reset or a "
                + "stall; the descriptors came back once the clients left; and, from 3 minutes on, memory over "
                + "the last minute at most 10 %% above the second minute's); 1 otherwise; 2 for a bad command line."})
final class SoakCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--engine", converter = Registries.Name.class, required = true, paramLabel = "E", completionCandidates = Registries.EngineNames.class,
            description = "the engine to soak: ${COMPLETION-CANDIDATES}")
    String engine;

    @Option(names = "--minutes", defaultValue = "10", paramLabel = "M",
            description = "how long the load runs (fractions allowed); default: ${DEFAULT-VALUE}")
    double minutes;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the clients' random choices; default: ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (!(minutes > 0)) {
            throw new IllegalArgumentException("--minutes must be more than 0, got " + minutes);
        }
        ServerConfig.Builder b = ServerConfig.builder().engine(engine);
        EngineTuning.applyTo(b, spec);
        // unknown, unavailable or bad options: a usage error
        if (!Engines.require(b.build(), Application.Kind.TCP_PROTOCOL).inProcess() && !Soak.redisInstalled()) {
            throw new IllegalArgumentException("soak on engine " + engine + " needs redis-server (apt-get install "
                    + "redis-server): its workers hold one chat room only over a bus");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("soaking %s for %s minutes (progress every 10 s) ...%n", engine, minutes);
        out.flush();
        SoakReport report = new Soak().run(new Soak.Spec(engine, Duration.ofMillis(Math.round(minutes * 60_000)),
                EngineTuning.asArgs(spec), seed), out);
        report.print(out);
        return report.passed() ? 0 : 1;
    }
}
