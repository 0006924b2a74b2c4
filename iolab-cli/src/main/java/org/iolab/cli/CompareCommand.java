package org.iolab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.claims.Claims;
import org.iolab.bench.Compare;
import org.iolab.bench.report.Report;
import org.iolab.bench.report.ResultTable;
import org.iolab.bench.report.SavedResults;
import org.iolab.bench.scenarios.Scenario;
import org.iolab.bench.scenarios.Scenarios;
import org.iolab.bench.scenarios.Sweep;
import org.iolab.bench.peers.Target;
import org.iolab.bench.live.LiveLab;
import org.iolab.server.Engine;
import org.iolab.server.Engines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iolab compare}: every scenario on every engine and peer, tables, files, a report. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        header = "Run the lab: every scenario on every engine and the peers (Netty, nginx).",
        description = {"Prints a table per scenario and the claims' verdicts, and writes results.json, "
                + "results.csv, charts (PNG, SVG) and report.html to --out.",
                "Exit status: 0 done (whatever the verdicts); 1 a reply was wrong or a run failed; 2 for a bad "
                + "command line."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "a smoke test, not a comparison: one round of short windows (about 3 minutes on 2 cores) and fewer connections in scenarios 5 to 9")
    boolean quick;

    @Option(names = "--engines", converter = Registries.Name.class, defaultValue = "all", paramLabel = "LIST",
            description = "engines to run, comma-separated, or all; default: all (every engine available here)")
    String engines;

    @Option(names = "--peers", converter = Registries.Name.class, defaultValue = "netty-nio,netty-epoll,netty-iouring,nginx",
            paramLabel = "LIST", completionCandidates = Registries.PeerNames.class,
            description = "peers to run alongside, comma-separated (${COMPLETION-CANDIDATES}), or none; nginx serves "
                    + "HTTP only, when installed (the lab says so when it is not); over TLS each Netty peer runs on "
                    + "the JDK's SSLEngine and on OpenSSL (+openssl); default: all")
    String peers;

    @Option(names = "--scenarios", defaultValue = "all", paramLabel = "LIST",
            description = "scenarios by number (1,4,10), a sweep by name (all its points), or all (the --app's); "
                    + "default: all")
    String scenarios;

    @Option(names = "--app", defaultValue = "upper", paramLabel = "APP", converter = Registries.Name.class,
            description = "which comparison: upper (the echo, scenarios 1 to 14), http (keep-alive and "
                    + "pipelined GET /plaintext against the http app and the HTTP peers, scenarios 15 to 18), tls "
                    + "(HTTPS, the echo over TLS, full and resumed TLS 1.3 handshakes, scenarios 19 to 23 and 31, on "
                    + "each TLS provider), ws (the echo as "
                    + "WebSocket messages against Netty's WebSocketServerProtocolHandler, beside plain TCP, scenarios "
                    + "24 and 25) or h2 (HTTP/2 driven by h2load, 100 connections of 16 streams and of 1, in clear "
                    + "text and over TLS, against Netty's Http2FrameCodec and nginx, HTTP/1.1 pipelined beside, "
                    + "scenarios 26 to 30); default: ${DEFAULT-VALUE}")
    String app;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "every run N times, targets alternating; figures are medians with their range, claims "
                    + "say how many rounds agree; default: ${DEFAULT-VALUE} (quick mode: 1)")
    int rounds;

    @Option(names = "--baseline", converter = Registries.Name.class, defaultValue = "", paramLabel = "TARGET",
            description = "the target others are compared with (ratio of medians, and per round); default: epoll, "
                    + "else the first engine")
    String baseline;

    @Option(names = "--from", paramLabel = "FILE",
            description = "draw the report again from a comparison's results.json file, without running anything; "
                    + "give it twice or more to put machines side by side (targets become target@folder)")
    List<Path> from = new ArrayList<>();

    @Option(names = "--out", defaultValue = "iolab-results", paramLabel = "DIR",
            description = "where the files go; default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--live", arity = "0..1", fallbackValue = "0", paramLabel = "[HOST:]PORT",
            description = "watch the lab in a browser: a live page with the progress, each scenario's table and "
                    + "chart filling in as runs end, the verdicts and the report's link, on 127.0.0.1 (or HOST) at "
                    + "PORT (any free port when none is given); its address is printed first. From a terminal the "
                    + "page stays up after the lab until Enter")
    String live;

    @Option(names = "--live-tls", description = "with --live: serve the page over HTTPS, with a self-signed certificate "
            + "for loopback whose fingerprint is printed")
    boolean liveTls;

    @Mixin
    PinOption pin;

    @Override
    public Integer call() throws Exception {
        if (!from.isEmpty()) {
            if (live != null) {
                throw new IllegalArgumentException("--live watches a comparison as it runs; --from draws one already run");
            }
            return report(SavedResults.read(from));
        }
        List<String> engineList = engines.equals("all")
                ? Engines.available().stream().map(Engine::name).toList() : split(engines);
        for (String e : engineList) {
            Engine engine = Engines.find(e).orElseThrow(() -> new IllegalArgumentException("unknown engine '" + e + "'"));
            if (!engine.availability().available()) {
                throw new IllegalArgumentException("engine " + e + " is not available here: " + engine.availability().reason());
            }
        }
        List<String> peerList = peers.equals("none") ? List.of() : split(peers);
        for (String p : peerList) {
            if (!Target.PEERS.contains(p)) {
                throw new IllegalArgumentException("unknown peer '" + p + "'; peers: " + Registries.list(new Registries.PeerNames()));
            }
        }
        List<String> scenarioList = scenarios.equals("all") ? List.of() : split(scenarios);
        Scenarios.select(scenarioList, app); // an unknown scenario or app is refused before anything runs
        if (rounds < 1 || rounds > 20) {
            throw new IllegalArgumentException("--rounds must be from 1 to 20, got " + rounds);
        }
        if (!baseline.isEmpty() && !engineList.contains(baseline) && !peerList.contains(baseline)) {
            throw new IllegalArgumentException("--baseline " + baseline + " is not among the targets run: "
                    + String.join(",", engineList) + (peerList.isEmpty() ? "" : "," + String.join(",", peerList)));
        }
        Compare.Options options = new Compare.Options(engineList, peerList, quick, pin.pin, scenarioList, rounds,
                baseline, app);
        if (live == null) {
            if (liveTls) {
                throw new IllegalArgumentException("--live-tls needs --live");
            }
            return report(new Compare().run(options, System.err));
        }
        HostPort at = HostPort.parse("--live", live, 0, true);
        org.iolab.tls.TlsConfig tls = liveTls ? TlsOptions.selfSigned(new PrintWriter(System.err, true)) : null;
        try (LiveLab page = LiveLab.start(at.host(), at.port(), out, tls)) {
            System.err.println("live: " + page.url());
            int status = report(new Compare().run(options, System.err, page));
            page.reportWritten();
            if (System.console() != null) {
                System.err.println("the live page stays up at " + page.url() + " : press Enter to end");
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            }
            return status;
        } catch (java.net.BindException e) {
            throw new IllegalArgumentException("--live " + live + ": cannot listen there (" + e.getMessage() + ")");
        }
    }

    /** Tables and claims on the terminal, the files in {@code --out}; 1 when any reply was wrong. */
    private int report(Compare.Outcome o) throws java.io.IOException {
        PrintWriter w = spec.commandLine().getOut();
        for (Scenario s : o.scenarios()) {
            List<BenchResult> rows = Compare.rows(o, s);
            if (!rows.isEmpty()) {
                w.println();
                w.println(s.title());
                w.print(ResultTable.table(rows, s.app()));
                String ratios = ResultTable.ratios(o, s);
                if (!ratios.isEmpty()) {
                    w.println(ratios);
                }
            }
        }
        for (Sweep sweep : Scenarios.SWEEPS) {
            String table = sweep.table(o.scenarios(), o.results());
            if (!table.isEmpty()) {
                w.println();
                w.println(sweep.title() + " (line charts in the report): " + sweep.curves().getFirst().name());
                w.print(table);
            }
        }
        w.println();
        w.println(o.options().quick() ? "Claims (quick mode: one round, not for comparisons):"
                : o.options().rounds() == 1 ? "Claims (one round: one sample each):"
                : "Claims (medians of " + o.options().rounds() + " rounds):");
        for (Claims.Claim c : o.claims()) {
            w.println("  " + c.number() + ". " + c.verdict().toUpperCase() + ": " + c.text());
            w.println("     " + c.evidence());
        }
        Report.write(o, out);
        w.println();
        w.println("wrote " + out.resolve("report.html").toAbsolutePath() + " (and results.json, results.csv, charts)");
        w.flush();
        boolean bad = o.results().stream().anyMatch(r -> r.mismatches() > 0);
        return bad ? 1 : 0;
    }

    private static List<String> split(String s) {
        return new ArrayList<>(Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList());
    }
}
