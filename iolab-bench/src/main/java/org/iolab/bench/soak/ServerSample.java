package org.iolab.bench.soak;

import org.iolab.bench.measure.LiveHeap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.iolab.bench.measure.ProcStats;

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

    /**
     * The server's open TCP sockets: descriptors that are sockets whose inode is in
     * {@code /proc/PID/net/tcp} or {@code tcp6}. What a leaked connection leaves behind, unlike
     * the descriptors the JDK opens lazily for good (the epoll instances of its virtual-thread
     * pollers, created at the first blocking IO on a virtual thread, or the attach socket that
     * {@code jcmd} opens).
     */
    static int tcpSockets(long pid) throws IOException {
        java.util.Set<String> tcp = new java.util.HashSet<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            Path p = Path.of("/proc/" + pid + "/net/" + table);
            if (!Files.exists(p)) {
                continue;
            }
            java.util.List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.strip().split("\\s+");
                if (f.length > 9) {
                    tcp.add(f[9]);
                }
            }
        }
        int n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[") && tcp.contains(link.substring(8, link.length() - 1))) {
                        n++;
                    }
                } catch (IOException closedMeanwhile) {
                    // gone between the listing and the read
                }
            }
        }
        return n;
    }

    boolean hasLiveHeap() {
        return liveHeapBytes >= 0;
    }

    double rssMiB() {
        return rssBytes / (1024.0 * 1024.0);
    }
}
