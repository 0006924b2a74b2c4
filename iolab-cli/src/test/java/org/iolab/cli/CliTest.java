package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import static org.iolab.cli.InProcess.assertUsage;
import static org.iolab.cli.InProcess.run;

import org.iolab.cli.InProcess.Result;
import org.junit.jupiter.api.Test;

class CliTest {

    @Test
    void enginesListsEveryEngineAndTheDefault() {
        Result r = run("engines");
        assertThat(r.code()).isZero();
        for (String e : List.of("blocking", "threads", "pool", "polling", "select", "poll", "epoll", "nio", "nio2", "virtual")) {
            assertThat(r.out()).containsPattern("(?m)^" + e + " +yes");
        }
        assertThat(r.out()).contains("burns a core").contains("refuses descriptors >= 1024").contains("default: epoll");
    }

    @Test
    void enginesNamesEachTlsProviderWithWhatServesAndItsVersion() {
        Result r = run("engines");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("(?m)^jdk +yes +JDK " + Runtime.version().feature() + "\\S* SSLEngine$")
                .containsPattern("(?m)^openssl +yes +OpenSSL 3\\.\\d+\\.\\d+ ") // libssl3, which the tests' machine has
                .containsPattern("(?m)^auto: openssl ");
    }

    @Test
    void anUnknownEngineIsAUsageErrorNamingTheKnownOnes() {
        Result r = run("serve", "--engine", "kqueue", "--port", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown engine 'kqueue'").contains("known engines: blocking");
    }

    @Test
    void anUnknownAppOrFlagIsAUsageError() {
        assertThat(run("serve", "--app", "nope", "--port", "0").code()).isEqualTo(2);
        Result r = run("serve", "--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--bogus'");
    }

    @Test
    void aMistypedFlagOrValueIsOneLineWithASuggestionAndAPointerToHelpNotTheWholeUsage() {
        Result typo = run("serve", "--engin", "epoll");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).startsWith("iolab: Unknown options: '--engin', 'epoll'").contains("did you mean: --engine")
                .contains("(see 'iolab serve --help')").doesNotContain("Usage:");
        Result value = run("client", "--port", "lots");
        assertThat(value.code()).isEqualTo(2);
        assertThat(value.err()).startsWith("iolab: Invalid value for option '--port': 'lots' is not a whole number")
                .contains("(see 'iolab client --help')").doesNotContain("Usage:");
        Result command = run("serv");
        assertThat(command.code()).isEqualTo(2);
        assertThat(command.err()).contains("did you mean: serve");
    }

    @Test
    void aValueOutOfRangeNamesTheFlagAndTheValueThenPointsToHelp() {
        assertUsage(run("serve", "--threads", "-1"), "iolab: Invalid value for option '--threads': -1 is not 0 or more",
                "serve");
        assertUsage(run("client", "--port", "99999"),
                "iolab: Invalid value for option '--port': 99999 is not from 0 to 65535", "client");
        assertUsage(run("serve", "--max-connections", "0"),
                "iolab: Invalid value for option '--max-connections': 0 is not 1 or more", "serve");
        assertUsage(run("bench", "--engine", "nio", "--conns", "0"),
                "iolab: Invalid value for option '--conns': 0 is not 1 or more", "bench");
        assertUsage(run("serve", "--log-level", "loud"), "iolab: Invalid value for option '--log-level': expected one of "
                + "[ERROR, WARN, INFO, DEBUG, TRACE] (case-insensitive) but was 'loud'", "serve");
        assertUsage(run("serve", "-v", "-q", "--port", "0"), "iolab: give one of -v, -q and --log-level", "serve");
    }

    @Test
    void aFlagThatDoesNotApplyToTheEngineIsRefusedTheSameWayForEveryKindOfFlag() {
        assertUsage(run("serve", "--engine", "nio", "--pool-size", "3", "--port", "0"),
                "iolab: --pool-size does not apply to engine nio; it is an option of pool", "serve");
        assertUsage(run("serve", "--engine", "nio", "--trigger", "edge", "--port", "0"),
                "iolab: --trigger does not apply to engine nio; it is an option of epoll", "serve");
        assertUsage(run("serve", "--engine", "blocking", "--threads", "2", "--port", "0"),
                "iolab: --threads does not apply to engine blocking (it runs no event loops); it sets the event loops "
                        + "of select, poll, epoll, nio, nio2, iouring", "serve");
        assertUsage(run("serve", "--engine", "epoll", "--host", "::1", "--port", "0"),
                "iolab: engine epoll speaks IPv4 only, so it cannot bind ::1; use --host 127.0.0.1 (or 0.0.0.0), or "
                        + "an engine that speaks IPv6: blocking, threads, pool, polling, nio, nio2, virtual", "serve");
        assertUsage(run("bench", "--engine", "nio", "--pool-size", "3"),
                "iolab: --pool-size does not apply to engine nio; it is an option of pool", "bench");
        assertUsage(run("bench", "--engine", "virtual", "--server-threads", "2"),
                "iolab: --server-threads does not apply to engine virtual (it runs no event loops)", "bench");
        assertUsage(run("serve", "--app", "upper", "--line-timeout", "5", "--port", "0"),
                "iolab: --line-timeout does not apply to app upper (it speaks no lines or requests); --idle-timeout "
                        + "closes a silent connection", "serve");
        assertUsage(run("serve", "--app", "upper", "--udp", "--line-timeout", "5", "--port", "0"),
                "iolab: --line-timeout does not apply to app upper over UDP (it speaks no lines or requests)", "serve");
    }

    @Test
    void theChatRoomOnWorkerProcessesNeedsABusAndABusThatCannotBeReachedIsARuntimeFailure() {
        assertUsage(run("serve", "--engine", "processes", "--app", "chat", "--port", "0"),
                "iolab: app chat keeps its room in one process; on engine processes each worker would hold a room of "
                        + "its own: give the workers a bus, --bus redis://HOST:PORT", "serve");
        assertUsage(run("serve", "--app", "upper", "--bus", "redis://127.0.0.1:1", "--port", "0"),
                "iolab: --bus applies to apps with a room (chat), not to upper", "serve");
        assertUsage(run("serve", "--app", "upper", "--history", "5", "--port", "0"),
                "iolab: --history applies to app chat, not upper", "serve");
        assertUsage(run("serve", "--app", "chat", "--bus-durable", "--port", "0"),
                "iolab: --bus-durable goes with --bus (a room in one process has no store to fail over)", "serve");
        assertUsage(run("serve", "--app", "chat", "--history", "5000", "--port", "0"),
                "iolab: --history takes 0 to 1000 lines, got 5000", "serve");
        Result down = run("serve", "--app", "chat", "--bus", "redis://127.0.0.1:1", "--port", "0");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).startsWith("iolab: cannot reach the bus redis://127.0.0.1:1: ");
    }

    @Test
    void benchDrivesAServerThatRunsElsewhereWithItsFiguresFromItsAdminPageOrSaysTheyAreMissing() throws Exception {
        try (org.iolab.server.Server server = org.iolab.server.Server.start(org.iolab.server.ServerConfig.builder()
                .engine("nio").port(0).build(), org.iolab.apps.Apps.create("upper", false));
             org.iolab.admin.AdminServer admin = org.iolab.admin.AdminServer.start("127.0.0.1", 0, server::stats)) {
            String at = "127.0.0.1:" + server.port();
            Result measured = run("bench", "--connect", at, "--admin", admin.url(), "--conns", "4", "--duration", "0.5",
                    "--warmup", "0.2", "--json");
            assertThat(measured.code()).as(measured.err()).isZero();
            com.fasterxml.jackson.databind.JsonNode m = org.iolab.bench.measure.Json.MAPPER.readTree(measured.out());
            assertThat(m.get("target").asText()).isEqualTo(at);
            assertThat(m.get("throughput").get("messages").asLong()).isPositive();
            assertThat(m.get("server").get("cpuMicrosPerMessage").asDouble()).as("from /stats").isPositive();
            assertThat(m.get("server").get("threads").asInt()).isPositive();

            Result blind = run("bench", "--connect", at, "--conns", "2", "--duration", "0.3", "--warmup", "0.1", "--json");
            assertThat(blind.code()).isZero();
            com.fasterxml.jackson.databind.JsonNode b = org.iolab.bench.measure.Json.MAPPER.readTree(blind.out());
            assertThat(b.get("server").isNull()).isTrue();
            assertThat(b.get("note").asText()).contains("server figures not measured");
        }
        assertUsage(run("bench", "--engine", "nio", "--connect", "127.0.0.1:1"),
                "iolab: give --engine (a server started here) or --connect HOST:PORT (one that runs elsewhere)", "bench");
        assertUsage(run("bench", "--engine", "nio", "--admin", "http://127.0.0.1:1/"),
                "iolab: --admin goes with --connect (a server started here is measured directly)", "bench");
        assertUsage(run("bench", "--engine", "epoll", "--tls", "--resume"),
                "iolab: --resume goes with --reconnect --tls (a new TLS connection per exchange)", "bench");
        assertUsage(run("bench", "--engine", "epoll+openssl"), "iolab: epoll+openssl is iolab on OpenSSL's TLS: add --tls",
                "bench");
    }

    /** The lab's TLS load on iolab's OpenSSL provider, each exchange a new connection resuming its session. */
    @Test
    void benchRunsResumedHandshakesOnTheOpenSslProvider() throws Exception {
        Result r = run("bench", "--engine", "epoll+openssl", "--tls", "--app", "http", "--reconnect", "--resume",
                "--conns", "2", "--duration", "0.5", "--warmup", "0.3", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode m = org.iolab.bench.measure.Json.MAPPER.readTree(r.out());
        assertThat(m.get("target").asText()).isEqualTo("epoll+openssl");
        assertThat(m.get("throughput").get("messages").asLong()).isPositive();
        assertThat(m.get("checks").get("mismatches").asLong() + m.get("checks").get("errors").asLong()).isZero();
    }

    @Test
    void everyHelpFitsEightyColumnsAndTheCommandListHasWholeSummaries() {
        Result top = run("--help");
        assertThat(top.code()).isZero();
        String commands = top.out().substring(top.out().indexOf("Commands:"), top.out().indexOf("Examples:"));
        // a summary is one sentence: its last line (a command's line or its wrap) ends the sentence
        List<String> summaries = new java.util.ArrayList<>();
        for (String line : commands.lines().skip(1).toList()) {
            if (line.startsWith("    ") && !summaries.isEmpty()) {
                summaries.set(summaries.size() - 1, summaries.getLast() + " " + line.strip());
            } else if (!line.isBlank()) {
                summaries.add(line.strip());
            }
        }
        assertThat(summaries).hasSize(8).allSatisfy(s -> assertThat(s).endsWith("."));
        assertThat(top.out().replaceAll("\\s+", " ")).contains("select, poll, epoll, nio, nio2, iouring, virtual, processes")
                .contains("the default here: epoll")
                .contains("upper, chat, menu");
        assertThat(top.err()).isEmpty();
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            Result r = run(command, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.err()).as(command + " --help: nothing on stderr (picocli warns there of a stray %)").isEmpty();
            if (command.equals("help") || command.equals("generate-completion")) {
                continue;
            }
            assertThat(r.out().lines()).as(command).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
            assertThat(r.out()).as(command).contains("Exit status:");
        }
    }

    @Test
    void aCompletionScriptForBashAndZshCompletesCommandsAndEngineNames() {
        Result r = run("generate-completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("complete -F").contains("serve").contains("compare").contains("epoll");
    }

    @Test
    void theVersionIsTheBuildsOwn() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).matches("iolab \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? on Java .*\\s*");
    }

    @Test
    void aBadTriggerIsAUsageError() {
        assertThat(run("serve", "--engine", "epoll", "--trigger", "sideways", "--port", "0").err())
                .contains("--trigger must be level or edge");
        assertThat(run("serve", "--engine", "poll", "--trigger", "edge", "--port", "0").code()).isEqualTo(2);
    }

    @Test
    void aRefusedAppIsAUsageErrorNamingTheEnginesThatAccept() {
        Result r = run("serve", "--engine", "nio2", "--udp", "--port", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("engine nio2 cannot serve UDP").contains("engines that can:");
    }

    @Test
    void serveAsAProcessPrintsItsListeningLineServesAndStopsOnSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.iolab.cli.Main", "serve", "--engine", "THREADS", "--app", "Upper", "--port", "0") // any case
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).matches("listening on 127\\.0\\.0\\.1:\\d+ engine=threads app=upper");
            Matcher m = Pattern.compile(":(\\d+) ").matcher(line);
            assertThat(m.find()).isTrue();
            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("abc\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(s.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ABC\n");
            }
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            assertThat(p.exitValue()).as("the signal's status, 128 + 15").isEqualTo(143);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aPortInUseIsARuntimeFailureThatSaysSo() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result r = run("serve", "--engine", "nio", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("iolab: cannot bind 127.0.0.1:" + taken.getLocalPort());
        }
    }

    /**
     * {@code bench} against a server that flips one byte in 10,000 ({@link CorruptingEngine},
     * a test-only engine): the corrupted replies are counted and the exit status is 1.
     */
    @Test
    void benchMeetingAServerThatCorruptsABytesExitsWithOne() throws Exception {
        Result r = runProcess(List.of(), java.util.Map.of(CorruptingEngine.ENV, "1"), "bench", "--engine", "corrupting",
                "--conns", "4", "--size", "100", "--duration", "1", "--warmup", "0", "--json");
        assertThat(r.code()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).containsPattern("\"mismatches\" ?: ?[1-9]");
        Result honest = runProcess(List.of(), java.util.Map.of(), "bench", "--engine", "nio",
                "--conns", "4", "--size", "100", "--duration", "1", "--warmup", "0", "--json");
        assertThat(honest.code()).as(honest.out()).isZero();
        assertThat(honest.out()).containsPattern("\"mismatches\" ?: ?0");
    }

    @Test
    void aShortSoakOnAnHonestEnginePassesAndOnACorruptingOneFails() throws Exception {
        Result honest = runProcess(List.of(), java.util.Map.of(), "soak", "--engine", "nio", "--minutes", "0.25");
        assertThat(honest.code()).as(honest.out()).isZero();
        assertThat(honest.out()).contains("echo:").contains("chat:").contains("rude clients:")
                .contains("TCP sockets before the clients 1, after they left 1").contains("PASS: nothing lost or corrupted");
        Result lying = runProcess(List.of(), java.util.Map.of(CorruptingEngine.ENV, "1"),
                "soak", "--engine", "corrupting", "--minutes", "0.1");
        assertThat(lying.code()).as(lying.out()).isEqualTo(1);
        assertThat(lying.out()).contains("FAIL: ").contains("client problem(s), first: echo: byte");
    }

    /** Runs the CLI in a JVM of its own with {@code jvmArgs}; its output and exit code. */
    private static Result runProcess(List<String> jvmArgs, String... args) throws Exception {
        return runProcess(jvmArgs, java.util.Map.of(), args);
    }

    /** As {@link #runProcess(List, String...)}, with {@code env} added to the environment. */
    private static Result runProcess(List<String> jvmArgs, java.util.Map<String, String> env, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.iolab.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, out);
    }

    @Test
    void serveWithStatsPrintsTheCountersToStderrEveryInterval() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.iolab.cli.Main", "serve", "--engine", "nio", "--port", "0", "--stats", "0.2")
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            String line = err.readLine();
            assertThat(line).startsWith("stats: open=0 accepted=0 rejected=0").contains("lineTimeouts=0")
                    .contains("slowConsumerDrops=0").contains("bytesIn=0");
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void whereIoUringIsUnavailableTheEngineIsListedWithTheReasonAndRefusedClearly() throws Exception {
        Result engines = runProcess(List.of("-Diolab.iouring=off"), "engines");
        assertThat(engines.code()).isZero();
        assertThat(engines.out()).containsPattern("(?m)^iouring +no ").contains("why not: turned off (-Diolab.iouring=off)");
        Result serve = runProcess(List.of("-Diolab.iouring=off"), "serve", "--engine", "iouring", "--port", "0");
        assertThat(serve.code()).isEqualTo(2);
        assertThat(serve.out()).contains("iolab: engine iouring is not available here: turned off");
    }
}
