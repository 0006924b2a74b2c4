package org.iolab.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.iolab.bench.ProcStats;

/**
 * One reading of a server process: when, its resident memory and its open descriptors
 * ({@code /proc/PID/fd}).
 *
 * @param second seconds since the soak began
 */
record ServerSample(int second, long rssBytes, int descriptors) {

    static ServerSample read(long pid, int second) throws IOException {
        long rss = ProcStats.read(pid).rssBytes();
        int fds;
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds = (int) s.count();
        }
        return new ServerSample(second, rss, fds);
    }

    double rssMiB() {
        return rssBytes / (1024.0 * 1024.0);
    }
}
