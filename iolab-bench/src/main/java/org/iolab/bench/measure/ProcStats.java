package org.iolab.bench.measure;

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

    /**
     * CPU time of the process's JIT compiler threads (HotSpot's {@code C1 CompilerThread} and
     * {@code C2 CompilerThread}, named {@code C2 CompilerThre} in {@code /proc/PID/task/TID/stat}):
     * 0 for a process that is not a JVM.
     */
    public static long jitCpuNanos(long pid) throws IOException {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = ProcFiles.read(t.resolve("stat").toString());
                } catch (IOException ended) {
                    continue; // the thread ended
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks * TICK_NANOS;
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
