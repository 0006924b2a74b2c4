package org.iolab.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.iolab.bench.measure.Bench;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.measure.Json;
import org.iolab.bench.measure.RemoteServer;
import org.iolab.bench.report.ResultTable;
import org.iolab.bench.peers.Target;
import org.iolab.server.Application;
import org.iolab.server.Engines;
import org.iolab.server.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iolab bench}: one load against one server in its own process, one result. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Run one load against one server and print one result.",
        description = {"The server runs in its own process; the load is closed-loop (each connection sends its "
                + "next message when the last reply is in) and every reply is verified byte by byte. Prints "
                + "one result row, or JSON.",
                "Exit status: 0 measured; 1 a reply was wrong or the server failed; 2 for a bad command line."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--engine", converter = Registries.Name.class, paramLabel = "E", completionCandidates = Registries.TargetNames.class,
            description = "an iolab engine or a peer, started here: ${COMPLETION-CANDIDATES}")
    String engine;

    @Option(names = "--connect", paramLabel = "HOST:PORT",
            description = "drive a server that runs elsewhere (another machine, a server started by hand) instead "
                    + "of starting one; it must serve the --app")
    String connect;

    @Option(names = "--admin", paramLabel = "URL",
            description = "with --connect: the server's admin page (http://HOST:PORT/, an iolab server's --admin), "
                    + "for its CPU per message, threads and RSS; without it they are not measured")
    java.net.URI admin;

    @Option(names = "--app", converter = Registries.Name.class, defaultValue = "upper",
            description = "what the load speaks: upper (the echo of --size byte messages), http (GET /plaintext "
                    + "on kept-alive connections, against the http app or Netty's HTTP peer) or ws (the echo of "
                    + "--size byte messages as WebSocket frames, after an opening handshake on each connection, "
                    + "against the ws app or Netty's WebSocket peer); default: ${DEFAULT-VALUE}")
    String app;

    @Option(names = "--pipeline", defaultValue = "1", paramLabel = "N", converter = Counts.AtLeastOne.class,
            description = "with --app http: requests sent at once on each connection before their replies "
                    + "(TechEmpower's plaintext test pipelines 16); default: ${DEFAULT-VALUE}")
    int pipeline;

    @Option(names = "--tls", description = "the load speaks TLS (the JDK's SSLEngine) to a server started with the lab's "
            + "self-signed certificate (--engine only), on the JDK's SSLEngine, or on OpenSSL as epoll+openssl "
            + "(iolab's OpenSSL provider) or netty-epoll+openssl (Netty on BoringSSL)")
    boolean tls;

    @Option(names = "--reconnect", description = "a new connection for every exchange (over TLS: a full handshake each)")
    boolean reconnect;

    @Option(names = "--resume", description = "with --reconnect --tls: each new connection resumes the session of "
            + "the server's last ticket (a TLS 1.3 PSK handshake: no certificate, no signature)")
    boolean resume;

    @Option(names = "--conns", defaultValue = "100", converter = Counts.AtLeastOne.class, description = "active connections; default: ${DEFAULT-VALUE}")
    int conns;

    @Option(names = "--idle", defaultValue = "0", converter = Counts.AtLeastZero.class, description = "idle connections held open; default: ${DEFAULT-VALUE}")
    int idle;

    @Option(names = "--size", defaultValue = "64", converter = Counts.AtLeastOne.class, description = "message size in bytes; default: ${DEFAULT-VALUE}")
    int size;

    @Option(names = "--duration", defaultValue = "10", description = "measured seconds; default: ${DEFAULT-VALUE}")
    double duration;

    @Option(names = "--warmup", defaultValue = "3", description = "warm-up seconds; default: ${DEFAULT-VALUE}")
    double warmup;

    @Mixin
    PinOption pin;

    @Option(names = "--server-threads", defaultValue = "-1", paramLabel = "N",
            description = "event loops of a server that runs them (default: 1 with --pin, else the engine's default)")
    int serverThreads;

    @Option(names = "--load-threads", defaultValue = "1", paramLabel = "N", converter = Counts.AtLeastOne.class,
            description = "threads of the load generator; default: ${DEFAULT-VALUE}")
    int loadThreads;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        org.iolab.bench.load.Exchange.requireApp(app);
        if (pipeline > 1 && !app.equals("http")) {
            throw new IllegalArgumentException("--pipeline goes with --app http (the upper app has no pipelining)");
        }
        if (!(duration > 0)) {
            throw new IllegalArgumentException("--duration must be more than 0 seconds, got " + duration);
        }
        if (!(warmup >= 0)) {
            throw new IllegalArgumentException("--warmup must be 0 or more seconds, got " + warmup);
        }
        if ((engine == null) == (connect == null)) {
            throw new IllegalArgumentException("give --engine (a server started here) or --connect HOST:PORT (one that runs elsewhere)");
        }
        if (tls && connect != null) {
            throw new IllegalArgumentException("--tls goes with --engine: the lab's certificate is served by servers it starts");
        }
        if (admin != null && connect == null) {
            throw new IllegalArgumentException("--admin goes with --connect (a server started here is measured directly)");
        }
        if (connect != null) {
            return report(new Bench().run("bench", connect, remote(), spec()));
        }
        Target target = target(engine).serving(app).with(EngineTuning.asArgs(spec).toArray(String[]::new));
        if (tls) {
            target = target.overTls();
        } else if (engine.endsWith("+openssl")) {
            throw new IllegalArgumentException(engine + " is " + (Target.isPeer(engine) ? "Netty" : "iolab")
                    + " on OpenSSL's TLS: add --tls");
        }
        if (!target.peer()) { // the engine's own options are checked here, not by a server that fails to start
            ServerConfig.Builder b = ServerConfig.builder().engine(target.engine());
            EngineTuning.applyTo(b, spec);
            if (serverThreads > 0 && !Engines.require(b.build(), Application.Kind.TCP_PROTOCOL).eventLoops()) {
                throw new IllegalArgumentException("--server-threads does not apply to engine " + engine
                        + " (it runs no event loops)");
            }
            Engines.require(b.build(), Application.Kind.TCP_PROTOCOL);
        }
        return report(new Bench().run("bench", target, spec()));
    }

    private Bench.Spec spec() {
        int loops = serverThreads >= 0 ? serverThreads : (pin.pin ? 1 : 0);
        return new Bench.Spec(conns, idle, size, seconds(warmup), seconds(duration), pin.pin, loops, loadThreads, app,
                pipeline, tls, connections(), Duration.ofSeconds(20));
    }

    private org.iolab.bench.load.Connections connections() {
        if (resume && !(reconnect && tls)) {
            throw new IllegalArgumentException("--resume goes with --reconnect --tls (a new TLS connection per exchange)");
        }
        return resume ? org.iolab.bench.load.Connections.RESUMED
                : reconnect ? org.iolab.bench.load.Connections.NEW : org.iolab.bench.load.Connections.KEPT;
    }

    /** The server at {@code --connect}, with its admin page when given. */
    private RemoteServer remote() throws java.io.IOException {
        HostPort at = HostPort.parse("--connect", connect, 1, false);
        try {
            return new RemoteServer(new java.net.InetSocketAddress(at.host(), at.port()), admin);
        } catch (java.io.IOException e) {
            throw new java.io.IOException("the admin page " + admin + " does not answer: " + e.getMessage(), e);
        }
    }

    private int report(BenchResult r) throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(r));
        } else {
            out.print(ResultTable.header(app));
            out.print(ResultTable.row(r));
        }
        out.flush();
        return r.mismatches() > 0 ? 1 : 0;
    }

    static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    /** An engine or peer by name, checked. */
    static Target target(String name) {
        String base = name.endsWith(Target.OPENSSL) ? name.substring(0, name.length() - Target.OPENSSL.length()) : name;
        if (!Target.isPeer(name) && Engines.find(base).isEmpty()) {
            throw new IllegalArgumentException("unknown engine or peer '" + name + "'; peers: "
                    + Registries.list(new Registries.PeerNames()));
        }
        return Target.of(name);
    }
}
