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
                    "--scenarios", "2,6", "--out", out.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String text = stdout.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text + stderr).isZero();
        assertThat(text).contains("2. 100 active connections, 64 B").contains("6. idle CPU")
                .contains("nio").contains("threads").contains("Claims (quick mode: one round, not for comparisons):")
                .contains("cpu us/msg vs nio: threads");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("[4/4]").contains("its figures are not for comparisons");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg").contains("nio").contains("threads");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(5);
        assertThat(Files.readString(out.resolve("results.json"))).contains("\"engineRan\" : \"nio\"");
    }

    @Test
    void unknownEnginesAndPeersAreUsageErrors() {
        assertThat(Main.run("compare", "--engines", "kqueue")).isEqualTo(2);
        assertThat(Main.run("compare", "--peers", "grizzly")).isEqualTo(2);
        assertThat(Main.run("bench", "--engine", "nope")).isEqualTo(2);
    }
}
