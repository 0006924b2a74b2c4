package org.iolab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.iolab.apps.Apps;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iolab serve}: starts one app on one engine, prints its listening line, and stops
 * cleanly on SIGINT, SIGTERM, or {@code quit} typed on a terminal.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve an app on an engine until SIGINT/SIGTERM (or 'quit' typed on a terminal).",
                "Prints one line when ready: listening on HOST:PORT engine=E app=A"})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--engine", defaultValue = "default", paramLabel = "ENGINE",
            description = "engine: blocking, threads, pool, polling, select, poll, epoll, nio, nio2, virtual, or default (see 'iolab engines'); default: ${DEFAULT-VALUE}")
    String engine;

    @Option(names = "--app", defaultValue = "upper", paramLabel = "APP",
            description = "app: upper, chat, menu, menu-stream; default: ${DEFAULT-VALUE}")
    String app;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind; default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "9000", description = "port to bind, 0 for any free port; default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--udp", description = "serve the app over UDP (upper only)")
    boolean udp;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "event loops of select, poll, epoll, nio and nio2 (0: one per core)")
    int threads;

    @Option(names = "--pool-size", defaultValue = "0", paramLabel = "N",
            description = "workers of the pool engine (0: two per core)")
    int poolSize;

    @Option(names = "--trigger", paramLabel = "level|edge",
            description = "epoll only: level- or edge-triggered (default edge)")
    String trigger;

    @Option(names = "--backlog", defaultValue = "0", paramLabel = "N",
            description = "listen backlog (0: the kernel's somaxconn)")
    int backlog;

    @Option(names = "--max-connections", defaultValue = "10000", paramLabel = "N",
            description = "connections beyond this are closed at once; default: ${DEFAULT-VALUE}")
    int maxConnections;

    @Override
    public Integer call() throws Exception {
        Application application = Apps.create(app, udp);
        ServerConfig config;
        try {
            config = ServerConfig.defaults().withHost(host).withPort(port).withEngine(engine)
                    .withEventLoops(threads).withPoolSize(poolSize).withBacklog(backlog)
                    .withMaxConnections(maxConnections);
            if (trigger != null) {
                if (!config.engine().equals("epoll") && !config.engine().equals("default")) {
                    throw new IllegalArgumentException("--trigger applies to the epoll engine only");
                }
                config = config.withOption("trigger", trigger);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Server server;
        try {
            server = Server.start(config, application);
        } catch (BindException e) {
            spec.commandLine().getErr().println("iolab: cannot bind " + host + ":" + port + ": " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening on " + host + ":" + server.port() + " engine=" + server.engine().name()
                + " app=" + app + (udp ? " udp" : ""));
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "iolab-shutdown"));
        if (System.console() != null) {
            Thread.ofPlatform().daemon(true).name("iolab-console").start(() -> watchConsole(server));
        }
        server.awaitShutdown();
        return CommandLine.ExitCode.OK;
    }

    private static void watchConsole(Server server) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.strip().equals("quit")) {
                    System.out.println("stopping");
                    server.close();
                    return;
                }
                System.out.println("type quit to stop the server");
            }
        } catch (IOException ignored) {
            // no console after all
        }
    }
}
