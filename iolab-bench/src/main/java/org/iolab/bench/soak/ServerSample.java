package org.iolab.bench.soak;

import org.iolab.bench.LiveHeap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.iolab.bench.ProcStats;

/**
 * One reading of a server process: when, its resident memory, its open descriptors
 * ({@code /proc/PID/fd}) and, every {@link #LIVE_HEAP_EVERY} seconds, its live heap.
 *
 * @param second seconds since the soak began
 * @param liveHeapBytes the live heap after a full collection, -1 when not read this second
 */
record ServerSample(int second, long rssBytes, int descriptors, long liveHeapBytes) {

    /** Seconds between two live-heap readings (each forces a full collection in the server). */
    static final int LIVE_HEAP_EVERY = 20;

    static ServerSample read(long pid, int second) throws IOException {
        long live = second % LIVE_HEAP_EVERY == LIVE_HEAP_EVERY - 1 && LiveHeap.supported() ? LiveHeap.bytes(pid) : -1;
        long rss = ProcStats.read(pid).rssBytes();
        int fds;
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds = (int) s.count();
        }
        return new ServerSample(second, rss, fds, live);
    }

    boolean hasLiveHeap() {
        return liveHeapBytes >= 0;
    }

    double rssMiB() {
        return rssBytes / (1024.0 * 1024.0);
    }
}
