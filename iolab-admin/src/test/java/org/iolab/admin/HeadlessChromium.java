package org.iolab.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for the tests of iolab's pages (Debian's {@code chromium}; {@code .ci/run}
 * installs it): it opens a page, runs its scripts, and prints the page it rendered or saves a
 * screenshot. Bounded: the browser is killed after a minute whatever happens.
 *
 * <p>Thread rule: stateless.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    static String executable() {
        return List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream().filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        "chromium is not installed (apt-get install chromium; .ci/run does it)"));
    }

    /**
     * Runs the browser on {@code url} with {@code args} ({@code --dump-dom}, {@code --screenshot=F});
     * its stdout. The page's virtual time runs out after {@code budgetMillis} of it (a page that
     * waits on the network stops its clock meanwhile, so a page should stop listening by itself).
     */
    public static String browse(String url, int budgetMillis, String... args) throws Exception {
        Path dir = Files.createTempDirectory("iolab-chromium");
        List<String> cmd = new ArrayList<>(List.of(executable(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=" + budgetMillis));
        cmd.addAll(List.of(args));
        cmd.add(url);
        Path out = dir.resolve("out.html");
        Path log = dir.resolve("log.txt");
        try {
            Process p = start(new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(out.toFile()), dir);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("chromium did not finish within 60 s: " + String.join(" ", cmd)
                        + "\nthe page's console:\n" + String.join("\n", Files.readAllLines(log).stream()
                                .filter(l -> l.contains("CONSOLE")).toList()));
            }
            return Files.readString(out);
        } finally {
            remove(dir);
        }
    }

    /** Starts the browser with its temporary files in {@code dir} (its profile and its own). */
    static Process start(ProcessBuilder browser, Path dir) throws java.io.IOException {
        browser.environment().put("TMPDIR", dir.toString());
        return browser.start();
    }

    /**
     * Removes a browser's directory once it has ended (its profile holds megabytes). Best effort:
     * a helper process still ending may hold a file a moment longer, and a temporary directory
     * left behind must not fail the test that used it.
     */
    static void remove(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException | java.io.UncheckedIOException leftBehind) {
            System.err.println("left " + dir + ": " + leftBehind);
        }
    }
}
