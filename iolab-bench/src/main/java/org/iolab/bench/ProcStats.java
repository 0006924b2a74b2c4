package org.iolab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iolab.engine.support.ProcFiles;

/**
 * What {@code /proc/PID} says about a process: CPU time (user + system), threads, resident
 * memory. Linux only; elsewhere {@link #read} reports nothing and the lab says "not measured".
 *
 * <p>Thread rule: stateless.
 */
public final class ProcStats {

    /** One reading of a process. */
    public record Sample(long cpuNanos, int threads, long rssBytes) {
    }

    private static final long TICK_NANOS = 1_000_000_000L / clockTicks();

    private ProcStats() {
    }

    public static boolean supported() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** Reads {@code /proc/PID/stat} and {@code /proc/PID/status}. */
    public static Sample read(long pid) throws IOException {
        String stat = ProcFiles.read("/proc/" + pid + "/stat");
        // the command name (field 2) is in parentheses and may hold spaces: split after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        int threads = Integer.parseInt(f[17]);                       // num_threads (field 20)
        return new Sample(ticks * TICK_NANOS, threads, ProcFiles.residentBytes(Long.toString(pid)));
    }

    /** {@code getconf CLK_TCK}, 100 on every Linux seen; asked once. */
    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
