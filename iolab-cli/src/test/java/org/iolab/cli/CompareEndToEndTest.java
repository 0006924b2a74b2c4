package org.iolab.cli;

import org.iolab.bench.claims.Claims;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short, real comparison: two engines, two scenarios, servers in their own processes. */
class CompareEndToEndTest {

    /** What a run of {@code iolab} printed, and its exit code. */
    record Ran(int code, String out, String err) {
    }

    static Ran run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Ran(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aQuickCompareOnTwoEnginesWritesTablesAndAReport(@TempDir Path out) throws Exception {
        Ran ran = run("compare", "--quick", "--engines", "nio,threads", "--peers", "none",
                "--scenarios", "3,11,13", "--out", out.toString());
        String text = ran.out();
        assertThat(ran.code()).as(text + ran.err()).isZero();
        assertThat(text).contains("3. 100 active connections, 64 B").contains("11. idle CPU")
                .contains("nio").contains("threads").contains("Claims (quick mode: one round, not for comparisons):")
                .doesNotContain("iolab serves HTTP") // claim 7 is an http comparison's
                .contains("cpu us/msg vs nio: threads");
        assertThat(text).contains("13. memory per idle connection: 2000 idle (quick)").contains("heap/conn KiB");
        com.fasterxml.jackson.databind.JsonNode memory = null;
        for (com.fasterxml.jackson.databind.JsonNode r : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("results.json").toFile()).get("results")) {
            if (r.get("scenario").asText().equals("s13-memory") && r.get("target").asText().equals("nio")) {
                memory = r.get("memory");
            }
        }
        assertThat(memory).as("nio's memory row").isNotNull();
        assertThat(memory.get("connections").asInt()).isEqualTo(2000);
        assertThat(memory.get("heapKiBPerConnection").asDouble()).as("a connection costs something").isPositive();
        assertThat(ran.err()).contains("[6/6]").contains("its figures are not for comparisons");
        assertThat(Files.readString(out.resolve("report.html"))).contains("id=\"chart-s3-100-active\"").contains("nio")
                .contains("threads");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(7);
        assertThat(Files.readString(out.resolve("results.json"))).contains("\"engineRan\" : \"nio\"");
    }

    /**
     * The heavy handler's scenarios, quick, on a reactor both ways (its work on the loop and off
     * it) and a thread engine, real servers: every paced reply right, and claim 11 judged (its
     * verdict is the lab's to give; a busy machine may make it inconclusive, never unmeasured).
     */
    @Test
    void theHeavyHandlersScenariosRunAndJudgeClaim11(@TempDir Path out) throws Exception {
        Ran ran = run("compare", "--quick", "--engines", "epoll,threads", "--peers", "none", "--scenarios", "32,33",
                "--out", out.toString());
        assertThat(ran.code()).as(ran.out() + ran.err()).isZero();
        assertThat(ran.out()).contains("33. 100 paced connections beside heavy handlers (50 ms)").contains("epoll+offload")
                .containsPattern("11\\. (HOLDS|DOES NOT HOLD HERE)");
        assertEveryRowServedRight(out, 6);
        assertThat(Files.readString(out.resolve("report.html"))).contains("<a href=\"#chart-s33-heavy-handlers\">chart 33</a>");
    }

    /**
     * Two points of the idle sweep (10 active alone, then among 200 idle) on two engines, each
     * engine's points on one server: a line per engine in the report, a row per engine in the
     * terminal's sweep table, every reply right.
     */
    @Test
    void aShortSweepOnTwoEnginesDrawsALinePerEngine(@TempDir Path out) throws Exception {
        Ran ran = run("compare", "--quick", "--engines", "epoll,poll", "--peers", "none", "--scenarios", "2,6",
                "--out", out.toString());
        assertThat(ran.code()).as(ran.out() + ran.err()).isZero();
        assertThat(ran.out()).contains("Idle sweep").doesNotContain("Active sweep").containsPattern("epoll +[0-9.]+ +[0-9.]+\\n")
                .containsPattern("poll +[0-9.]+ +[0-9.]+\\n").contains("10       210");
        assertEveryRowServedRight(out, 4);
        assertThat(out.resolve("idle-sweep-cpu.svg")).exists(); // its lines: SweepTest
        assertThat(Files.readString(out.resolve("report.html"))).contains("<h2>Idle sweep</h2>")
                .doesNotContain("<h2>Active sweep</h2>"); // one point of the active sweep ran: no line to draw
        assertThat(out.resolve("idle-sweep-p99.png")).exists();
    }

    /**
     * The lab over HTTP: keep-alive and pipelined GET /plaintext against an engine and Netty's
     * HTTP peer, every reply checked, and the HTTP claim judged from them.
     */
    @Test
    void anHttpCompareRunsRequestsAgainstAnEngineAndNettysHttpPeer(@TempDir Path out) throws Exception {
        Ran ran = run("compare", "--quick", "--app", "http", "--engines", "epoll", "--peers", "netty-nio",
                "--scenarios", "16,17", "--out", out.toString());
        assertThat(ran.code()).as(ran.out() + ran.err()).isZero();
        assertThat(ran.out()).contains("17. HTTP, 100 connections, 16 pipelined (GET /plaintext)")
                .contains("cpu us/req vs epoll: netty-nio").contains("     req/s ").containsPattern("7\\. (HOLDS|DOES NOT HOLD HERE): iolab serves HTTP")
                .doesNotContain("1. NOT MEASURED"); // the upper app's claims are an upper comparison's
        assertEveryRowServedRight(out, 4);
        assertThat(ran.err()).contains("req/s");
        assertThat(run("compare", "--app", "http", "--scenarios", "3").err())
                .contains("scenario '3' is not one of the http app's (15 to 18; --app chooses)");
        assertThat(run("compare", "--app", "menu").code()).isEqualTo(2);
        assertThat(run("bench", "--engine", "epoll", "--pipeline", "4").err())
                .contains("--pipeline goes with --app http");
    }

    /**
     * The lab over HTTP/2: h2load (a client no one here wrote) against an engine and Netty's
     * Http2FrameCodec, in clear text and over TLS (Netty on the JDK's SSLEngine and on OpenSSL),
     * every answer a 2xx, and the HTTP/2 claim judged from them.
     */
    @Test
    void anH2CompareRunsH2loadAgainstAnEngineAndNettysHttp2Peer(@TempDir Path out) throws Exception {
        Ran ran = run("compare", "--quick", "--app", "h2", "--engines", "epoll", "--peers", "netty-nio",
                "--scenarios", "26,28", "--out", out.toString());
        assertThat(ran.code()).as(ran.out() + ran.err()).isZero();
        assertThat(ran.out()).contains("26. HTTP/2 in clear text (h2c), 100 connections x 16 streams (h2load, GET /plaintext)")
                .contains("28. HTTP/2 over TLS, 100 connections x 16 streams").contains("netty-nio+openssl")
                .contains("cpu us/req vs epoll: netty-nio").contains("     req/s ")
                .containsPattern("10\\. (HOLDS|DOES NOT HOLD HERE): iolab serves HTTP/2");
        assertEveryRowServedRight(out, 5);
    }

    /** results.json has {@code rows} rows, each with messages served, every reply right, no error, none unserved. */
    private static void assertEveryRowServedRight(Path out, int rows) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("results.json").toFile()).get("results");
        assertThat(results).hasSize(rows);
        for (com.fasterxml.jackson.databind.JsonNode r : results) {
            assertThat(r.get("throughput").get("messages").asLong()).as(r.toString()).isPositive();
            assertThat(r.get("checks").get("mismatches").asLong()).as(r.toString()).isZero();
            assertThat(r.get("checks").get("errors").asLong()).as(r.toString()).isZero();
            assertThat(r.get("checks").get("unserved").asLong()).as(r.toString()).isZero();
        }
    }

    @Test
    void unknownEnginesAndPeersAreUsageErrors() {
        assertThat(Main.run("compare", "--engines", "kqueue")).isEqualTo(2);
        assertThat(Main.run("compare", "--peers", "grizzly")).isEqualTo(2);
        assertThat(Main.run("bench", "--engine", "nope")).isEqualTo(2);
        Ran fromLive = run("compare", "--from", "results.json", "--live");
        assertThat(fromLive.code()).isEqualTo(2);
        assertThat(fromLive.err()).contains("--live watches a comparison as it runs; --from draws one already run");
        Ran badPort = run("compare", "--live", "70000");
        assertThat(badPort.code()).isEqualTo(2);
        assertThat(badPort.err()).contains("--live 70000");
    }
}
