package org.iolab.cli;

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

    @Test
    void aQuickCompareOnTwoEnginesWritesTablesAndAReport(@TempDir Path out) throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            code = Main.run("compare", "--quick", "--engines", "nio,threads", "--peers", "none",
                    "--scenarios", "2,6,8", "--out", out.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String text = stdout.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text + stderr).isZero();
        assertThat(text).contains("2. 100 active connections, 64 B").contains("6. idle CPU")
                .contains("nio").contains("threads").contains("Claims (quick mode: one round, not for comparisons):")
                .contains("cpu us/msg vs nio: threads");
        assertThat(text).contains("8. memory per idle connection: 2000 idle (quick)").contains("heap/conn KiB");
        com.fasterxml.jackson.databind.JsonNode memory = null;
        for (com.fasterxml.jackson.databind.JsonNode r : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("results.json").toFile()).get("results")) {
            if (r.get("scenario").asText().equals("s8-memory") && r.get("target").asText().equals("nio")) {
                memory = r.get("memory");
            }
        }
        assertThat(memory).as("nio's memory row").isNotNull();
        assertThat(memory.get("connections").asInt()).isEqualTo(2000);
        assertThat(memory.get("heapKiBPerConnection").asDouble()).as("a connection costs something").isPositive();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("[6/6]").contains("its figures are not for comparisons");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg").contains("nio").contains("threads");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(7);
        assertThat(Files.readString(out.resolve("results.json"))).contains("\"engineRan\" : \"nio\"");
    }

    @Test
    void unknownEnginesAndPeersAreUsageErrors() {
        assertThat(Main.run("compare", "--engines", "kqueue")).isEqualTo(2);
        assertThat(Main.run("compare", "--peers", "grizzly")).isEqualTo(2);
        assertThat(Main.run("bench", "--engine", "nope")).isEqualTo(2);
    }
}
