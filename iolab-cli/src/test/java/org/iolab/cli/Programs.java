package org.iolab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Programs no one here wrote (curl, ab, h2load, openssl, python3, node), run bounded, their output read back. */
final class Programs {

    /** How a program ended: its exit status and what it printed (stdout and stderr together). */
    record Ran(int code, String out) {
    }

    private Programs() {
    }

    /** Runs {@code cmd} with {@code stdin} (then its end) for at most {@code limit}; a program not installed fails the test. */
    static Ran run(Duration limit, String stdin, String... cmd) throws Exception {
        Path log = Files.createTempFile("iolab-program", ".txt");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError(cmd[0] + " is not installed (.ci/run installs it): " + e.getMessage(), e);
        }
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", cmd) + " did not end within " + limit + ": " + Files.readString(log));
        }
        String out = Files.readString(log);
        Files.delete(log);
        return new Ran(p.exitValue(), out);
    }

    /** {@link #run} with no input, for at most two minutes. */
    static Ran run(String... cmd) throws Exception {
        return run(Duration.ofMinutes(2), "", cmd);
    }
}
