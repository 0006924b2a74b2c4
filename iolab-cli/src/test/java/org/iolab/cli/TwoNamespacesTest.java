package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iolab.bench.measure.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The lab across a real link: two network namespaces joined by a veth pair (created and removed
 * here; root, as CI runs), the server with its admin page in one, {@code iolab bench --connect}
 * in the other, so the load crosses a NIC path instead of loopback.
 */
class TwoNamespacesTest {

    private static final String SERVER_IP = "10.211.0.1";
    private static final String LOAD_IP = "10.211.0.2";

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    private static List<String> java(String namespace, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "org.iolab.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void benchInOneNamespaceMeasuresAServerInAnotherAcrossAVethPair() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create namespaces");
        long id = ProcessHandle.current().pid();
        String a = "iolab-srv-" + id;
        String b = "iolab-load-" + id;
        String vethA = "iolA" + id % 100_000;
        String vethB = "iolB" + id % 100_000;
        Process server = null;
        try {
            run("ip", "netns", "add", a);
            run("ip", "netns", "add", b);
            run("ip", "link", "add", vethA, "type", "veth", "peer", "name", vethB);
            run("ip", "link", "set", vethA, "netns", a);
            run("ip", "link", "set", vethB, "netns", b);
            run("ip", "-n", a, "addr", "add", SERVER_IP + "/24", "dev", vethA);
            run("ip", "-n", b, "addr", "add", LOAD_IP + "/24", "dev", vethB);
            for (String[] up : new String[][] {{a, vethA}, {b, vethB}, {a, "lo"}, {b, "lo"}}) {
                run("ip", "-n", up[0], "link", "set", up[1], "up");
            }

            server = new ProcessBuilder(java(a, "serve", "--engine", "epoll", "--host", SERVER_IP, "--port", "0",
                    "--admin", SERVER_IP + ":0")).redirectErrorStream(true).start();
            List<String> out = new CopyOnWriteArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    lines.lines().forEach(out::add);
                } catch (java.io.UncheckedIOException closed) {
                    // the test closed the server's streams as it stopped it
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> out.stream().anyMatch(l -> l.startsWith("admin on ")));
            Matcher port = Pattern.compile("listening on " + Pattern.quote(SERVER_IP) + ":(\\d+) ").matcher(String.join("\n", out));
            Matcher admin = Pattern.compile("admin on (http://\\S+)").matcher(String.join("\n", out));
            assertThat(port.find() && admin.find()).as(out.toString()).isTrue();

            String result = run(java(b, "bench", "--connect", SERVER_IP + ":" + port.group(1), "--admin", admin.group(1),
                    "--conns", "4", "--duration", "1", "--warmup", "0.3", "--json").toArray(String[]::new));
            JsonNode r = Json.MAPPER.readTree(result.substring(result.indexOf('{')));
            assertThat(r.get("throughput").get("messages").asLong()).as("replies across the veth pair").isPositive();
            assertThat(r.get("checks").get("mismatches").asLong()).isZero();
            assertThat(r.get("server").get("cpuMicrosPerMessage").asDouble()).as("the server's CPU, from its admin page")
                    .isPositive();
        } finally {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(20, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            for (String ns : List.of(a, b)) { // removing a namespace removes its end of the veth pair
                try {
                    run("ip", "netns", "del", ns);
                } catch (IOException notThere) {
                    // never created
                }
            }
        }
    }
}
