package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code iolab} command run in this JVM, its output captured: for the CLI's tests. */
final class InProcess {

    record Result(int code, String out, String err) {
    }

    private InProcess() {
    }

    static Result run(String... args) {
        return withInput(null, args);
    }

    /** {@link #run} with {@code input} as standard input ({@code null}: this JVM's own). */
    static Result withInput(String input, String... args) {
        java.io.InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            if (input != null) {
                System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            }
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** A usage error (status 2): exactly {@code firstLine}, then the pointer to the command's help. */
    static void assertUsage(Result r, String firstLine, String command) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(firstLine, "       (see 'iolab " + command + " --help')");
    }
}
