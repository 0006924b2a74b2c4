package org.iolab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.iolab.apps.Apps;
import org.iolab.protocol.Addresses;
import org.iolab.server.Application;
import org.iolab.server.Engine;
import org.iolab.server.Engines;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iolab serve}: starts one app on one engine, prints its listening line, and stops
 * cleanly on SIGINT, SIGTERM, or {@code quit} typed on a terminal.
 *
 * <p>Over 300 lines for picocli's option declarations, one per flag with its help; what they build is apart.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Serve an app on an engine until you stop it.",
        description = {"Prints one line when ready: listening on HOST:PORT engine=E app=A. Stops gracefully on "
                + "SIGINT (Ctrl-C), SIGTERM or 'quit' typed on a terminal; a second signal forces it.",
                "Exit status: 0 stopped by quit; 130 or 143 stopped by SIGINT or SIGTERM; 1 cannot bind or "
                + "serve; 2 for a bad command line or an engine that refuses the app or a flag."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AddressOptions address;

    @Option(names = "--engine", converter = Registries.Name.class, defaultValue = "default", paramLabel = "ENGINE",
            completionCandidates = Registries.EngineNames.class,
            description = "engine: ${COMPLETION-CANDIDATES} (see 'iolab engines'); default: the best here")
    String engine;

    @Option(names = "--app", converter = Registries.Name.class, defaultValue = "upper", paramLabel = "APP", completionCandidates = Registries.AppNames.class,
            description = "app: ${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}")
    String app;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", converter = Counts.AtLeastZero.class,
            description = "event loops of the engines that run them (0: one per core)")
    int threads;

    @Option(names = "--backlog", defaultValue = "0", paramLabel = "N", converter = Counts.AtLeastZero.class,
            description = "listen backlog (0: the kernel's somaxconn)")
    int backlog;

    @Option(names = "--max-connections", defaultValue = "10000", paramLabel = "N", converter = Counts.AtLeastOne.class,
            description = "connections beyond this are closed at once (never above the descriptor limit); "
                    + "default: ${DEFAULT-VALUE}")
    int maxConnections;

    @Option(names = "--line-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "apps that speak lines or requests (chat, menu, http): a line (a request) not completed "
                    + "within this gets an error line (408) and a close (0: never); default: ${DEFAULT-VALUE}")
    double lineTimeout;

    @Option(names = "--idle-timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "a connection that sends nothing for this long is closed (0: never; chat members "
                    + "who only listen are spared; for http see --keep-alive-timeout); default: ${DEFAULT-VALUE}")
    double idleTimeout;

    @Option(names = "--keep-alive-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "http: a connection idle between requests (or between the reads of a body) for this long "
                    + "is closed, as nginx's keepalive_timeout (0: never); default: ${DEFAULT-VALUE}")
    double keepAliveTimeout;

    @Option(names = "--max-body", defaultValue = "1m", paramLabel = "BYTES",
            description = "http: the largest request body (413 past it): bytes, 64k, 16m, 1g, or unlimited (POST /echo "
                    + "streams any size in bounded memory); default: ${DEFAULT-VALUE}")
    String maxBody;

    @Option(names = "--write-stall-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "output that makes no progress for this long resets the connection (0: never); "
                    + "default: ${DEFAULT-VALUE}")
    double writeStallTimeout;

    @Option(names = "--bus", paramLabel = "URI",
            description = "carry the chat room's lines on a bus, so that servers (and the processes engine's "
                    + "workers) on it form one room that loses nothing across outages: redis://HOST:PORT[/ROOM], or "
                    + "redis-sentinel://HOST:PORT[,HOST:PORT...]/PRIMARY[/ROOM] to follow failovers; default: the room is "
                    + "this process")
    String bus;

    @Option(names = "--bus-durable",
            description = "with --bus: a line counts as sent only once a Redis replica has it too (WAIT 1), so a "
                    + "failover loses none; lines wait while no replica answers")
    boolean busDurable;

    @Option(names = "--history", paramLabel = "N", defaultValue = "" + org.iolab.apps.ChatRoom.DEFAULT_HISTORY,
            description = "chat: a member who joins is first shown the room's last N lines, marked [history] (0: none; "
                    + "with --bus, from before this server started too); default: ${DEFAULT-VALUE}")
    int history;

    @Option(names = "--admin", paramLabel = "HOST:PORT",
            description = "serve the admin page there: / (a live dashboard), /stats (JSON), /metrics (Prometheus); "
                    + "PORT alone means 127.0.0.1:PORT, 0 any free port; with --tls over HTTPS, the same certificate")
    String admin;

    @Option(names = "--web", paramLabel = "[HOST:]PORT", arity = "0..1", fallbackValue = "0",
            description = "chat: the room in a browser too, a page at / and a WebSocket at /ws on HOST:PORT (PORT alone: "
                    + "127.0.0.1; none: any free port); it prints web: http://HOST:PORT/ (https with --tls)")
    String web;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "with --web: another Origin a browser's socket may come from (https://example.com; * for any); "
                    + "the page's own is always allowed, others get 403")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Mixin
    TlsOptions tlsOptions;

    @Mixin
    LogOptions logs;

    @Mixin
    WorkOptions work;

    @Option(names = "--stats", arity = "0..1", fallbackValue = "5", paramLabel = "SECONDS",
            description = "print the server's counters to stderr every SECONDS (default 5 when given)")
    Double stats;

    /** Whether the line deadline applies to {@code a}: it speaks lines, or marks its own requests. */
    private static boolean speaksLines(Application a) {
        return a instanceof Application.Tcp t ? t.lineBased() : a instanceof Application.Stream s && s.lineBased();
    }

    @Override
    public Integer call() throws Exception {
        logs.apply();
        if (bus == null) {
            Engines.find(engine).ifPresent(e -> requireOneProcess(app, e));
        }
        boolean http = app.equals("http");
        for (String flag : new String[] {"--keep-alive-timeout", "--max-body"}) {
            if (!http && spec.commandLine().getParseResult().hasMatchedOption(flag)) {
                throw new IllegalArgumentException(flag + " applies to app http, not " + app);
            }
        }
        if (http && spec.commandLine().getParseResult().hasMatchedOption("--idle-timeout")) {
            throw new IllegalArgumentException("for app http the idle timeout is --keep-alive-timeout (between requests, "
                    + "and between a body's reads)");
        }
        for (String flag : new String[] {"--history", "--bus-durable"}) {
            if (!app.equals("chat") && spec.commandLine().getParseResult().hasMatchedOption(flag)) {
                throw new IllegalArgumentException(flag + " applies to app chat, not " + app);
            }
        }
        Application application = http && !address.udp ? Apps.http(Apps.bodyLimit(maxBody))
                : app.equals("chat") && !address.udp ? Apps.chat(history, bus, busDurable) : Apps.create(app, address.udp, bus);
        if (spec.commandLine().getParseResult().hasMatchedOption("--line-timeout") && !speaksLines(application)) {
            throw new IllegalArgumentException("--line-timeout does not apply to app " + app + (address.udp ? " over UDP" : "")
                    + " (it speaks no lines or requests)" + (address.udp ? "" : "; --idle-timeout closes a silent connection"));
        }
        HostPort adminAt = admin == null ? null : HostPort.parse("--admin", admin, 0, true); // before binding anything
        HostPort webAt = web == null ? null : HostPort.parse("--web", web, 0, true);
        if (webAt != null && (!app.equals("chat") || address.udp)) {
            throw new IllegalArgumentException("--web serves the chat room's page; it does not apply to app " + app
                    + (address.udp ? " over UDP" : ""));
        }
        if (webAt == null && !allowedOrigins.isEmpty()) {
            throw new IllegalArgumentException("--allowed-origin goes with --web");
        }
        if (address.udp && tlsOptions.tls) {
            throw new IllegalArgumentException("--tls is for TCP: UDP is served in clear (DTLS is not implemented)");
        }
        org.iolab.tls.TlsConfig tls = tlsOptions.config(Apps.find(app).map(Apps.App::alpn).orElse(java.util.List.of()),
                spec.commandLine().getOut(), spec.commandLine().getErr());
        ServerConfig.Builder b = ServerConfig.builder().host(address.host).port(address.port).engine(engine)
                .eventLoops(threads).backlog(backlog).maxConnections(maxConnections)
                .lineTimeout(seconds("--line-timeout", lineTimeout))
                .idleTimeout(http ? seconds("--keep-alive-timeout", keepAliveTimeout) : seconds("--idle-timeout", idleTimeout))
                .writeStallTimeout(seconds("--write-stall-timeout", writeStallTimeout)).tls(tls);
        EngineTuning.applyTo(b, spec);
        work.applyTo(b);
        ServerConfig config = b.build();
        Server server;
        try {
            server = Server.start(config, application);
        } catch (BindException e) {
            spec.commandLine().getErr().println("iolab: cannot bind " + Addresses.shown(
                    new java.net.InetSocketAddress(address.host, address.port)) + ": " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        for (String notice : server.notices()) {
            spec.commandLine().getErr().println("iolab: note: " + notice);
        }
        spec.commandLine().getErr().flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening on " + Addresses.shown(server.localAddress()) + " engine=" + server.engine().name()
                + " app=" + app + (address.udp ? " udp" : "") + (tls != null ? " tls" : ""));
        out.flush();
        Server webServer = webAt == null ? null : startWeb(server, application, webAt, tls);
        if (webServer != null) {
            out.println("web: " + (tls == null ? "http://" : "https://") + Addresses.shown(webServer.localAddress()) + "/");
            out.flush();
        }
        org.iolab.admin.AdminServer page = adminAt == null ? null : startAdmin(server, adminAt, tls);
        if (page != null) {
            out.println("admin on " + page.url());
            out.flush();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "iolab-shutdown")); // any other exit
        StopSignals signals = StopSignals.install(server, spec.commandLine().getErr());
        if (stats != null) {
            long every = seconds("--stats", stats).toMillis();
            if (every <= 0) {
                throw new IllegalArgumentException("--stats must be more than 0 seconds, got " + stats);
            }
            PrintWriter err = spec.commandLine().getErr();
            Thread.ofPlatform().daemon(true).name("iolab-stats").start(() -> {
                while (true) {
                    try {
                        Thread.sleep(every);
                    } catch (InterruptedException e) {
                        return;
                    }
                    err.println("stats: " + server.stats());
                    err.flush();
                }
            });
        }
        if (stdinIsATerminal()) { // whatever stdout is: `iolab serve | tee log` still takes quit
            Thread.ofPlatform().daemon(true).name("iolab-console").start(() -> watchConsole(server));
        }
        server.awaitShutdown();
        if (page != null) {
            page.close();
        }
        if (webServer != null) {
            webServer.close();
        }
        if (signals.status() != 0) {
            spec.commandLine().getErr().println("iolab: stopped");
            spec.commandLine().getErr().flush();
        }
        return signals.status() != 0 ? signals.status() : CommandLine.ExitCode.OK;
    }

    /**
     * Refuses an app whose connections share state in one process (the chat room) on an engine
     * that serves it in several: each worker would hold a room of its own, and members on
     * different workers would never hear each other.
     */
    static void requireOneProcess(String app, Engine engine) {
        if (!engine.inProcess() && Apps.find(app).map(Apps.App::oneProcess).orElse(false)) {
            throw new IllegalArgumentException("app " + app + " keeps its room in one process; on engine "
                    + engine.name() + " each worker would hold a room of its own: give the workers a bus, "
                    + "--bus redis://HOST:PORT");
        }
    }

    /** The admin page at {@code at} (over the server's TLS, when it has one); when it cannot be served the server stops too. */
    private static org.iolab.admin.AdminServer startAdmin(Server server, HostPort at, org.iolab.tls.TlsConfig tls)
            throws IOException {
        try {
            return org.iolab.admin.AdminServer.start(at.host(), at.port(), server::stats, tls);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot serve the admin page on " + at.host() + ":" + at.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The chat room's page and WebSocket, on the server's engine (the default one for processes,
     * whose workers hold rooms of their own on the bus); when it cannot be served the server
     * stops too.
     */
    private Server startWeb(Server server, Application chat, HostPort at, org.iolab.tls.TlsConfig tls) throws IOException {
        org.iolab.apps.ChatRoom room = (org.iolab.apps.ChatRoom) ((Application.Tcp) chat).factory();
        String webEngine = server.engine().inProcess() ? server.engine().name() : ServerConfig.DEFAULT_ENGINE;
        ServerConfig config = ServerConfig.builder().host(at.host()).port(at.port()).engine(webEngine)
                .tls(tls == null ? null : tls.withApplicationProtocols(org.iolab.apps.http.HttpProtocol.ALPN)).build();
        try {
            return org.iolab.apps.ChatWeb.start(room, config, allowedOrigins);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot serve the chat page on " + at.host() + ":" + at.port() + ": " + e.getMessage(), e);
        }
    }

    /** A flag's seconds as a duration; negative is a usage error naming the flag. */
    static java.time.Duration seconds(String flag, double seconds) {
        if (seconds < 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException(flag + " must be zero or more seconds, got " + seconds);
        }
        return java.time.Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** Whether standard input is a terminal (a person can type quit), as Linux tells: fd 0 is a tty. */
    static boolean stdinIsATerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void watchConsole(Server server) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.strip().equals("quit")) {
                    System.err.println(StopSignals.stopping(server));
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
