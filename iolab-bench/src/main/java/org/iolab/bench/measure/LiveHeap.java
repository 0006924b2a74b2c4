package org.iolab.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a JVM: {@code jcmd PID GC.class_histogram} collects the garbage first and
 * ends with {@code Total <instances> <bytes>}. A leak in the Java heap shows here long before it
 * shows in resident memory (the heap is reserved, and pre-touched, up front).
 *
 * <p>Thread rule: stateless.
 */
public final class LiveHeap {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    private LiveHeap() {
    }

    public static boolean supported() {
        return Files.isExecutable(JCMD);
    }

    /** Live bytes after a full collection, or -1 when it could not be read. */
    public static long bytes(long pid) {
        try {
            Process p = new ProcessBuilder(JCMD.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            Matcher m = TOTAL.matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
