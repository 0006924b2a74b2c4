package org.iolab.engine.support;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code /proc} files. They report a size that is not their length (0, or 1 for
 * {@code /proc/sys/net/core/somaxconn} on some kernels), and {@code Files.readString} trusts
 * it: it returned {@code "4"} for a somaxconn of 4096 here. A stream read to EOF is right.
 *
 * <p>Thread rule: stateless.
 */
public final class ProcFiles {

    private ProcFiles() {
    }

    public static String read(String path) throws IOException {
        try (InputStream in = new FileInputStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A process's resident memory ({@code VmRSS} of {@code /proc/PID/status}; {@code pid} may be {@code self}), or 0. */
    public static long residentBytes(String pid) throws IOException {
        for (String line : read("/proc/" + pid + "/status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
