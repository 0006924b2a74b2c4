package org.iolab.bench;

import java.io.IOException;
import org.iolab.engine.support.ProcFiles;

/** The machine a comparison ran on, for the report. */
public record Machine(String cpu, int cores, String kernel, String jdk, String os) {

    public static Machine here() {
        String cpu = "unknown";
        try {
            for (String line : ProcFiles.read("/proc/cpuinfo").split("\n")) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException ignored) {
            // not Linux: unknown
        }
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), System.getProperty("os.version"),
                System.getProperty("java.vendor") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
}
