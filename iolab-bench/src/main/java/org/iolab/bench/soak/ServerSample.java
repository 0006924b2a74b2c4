package org.iolab.bench.soak;

import org.iolab.bench.measure.LiveHeap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.iolab.bench.measure.ProcStats;

/**
 * One reading of a server: when, its resident memory, its open descriptors
 * ({@code /proc/PID/fd}) and, every {@link #LIVE_HEAP_EVERY} seconds, its live heap; each summed
 * over the server's process and its workers (the processes engine's).
 *
 * @param second seconds since the soak began
 * @param liveHeapBytes the live heap after a full collection, -1 when not read this second
 */
record ServerSample(int second, long rssBytes, int descriptors, long liveHeapBytes) {

    /** Seconds between two live-heap readings (each forces a full collection in the server). */
    static final int LIVE_HEAP_EVERY = 10;

    /**
     * The server now: the sums over its process and its descendants (the processes engine's
     * workers; none for the other engines); its live heap too when {@code withHeap} (a full
     * collection in each, and a jcmd each: a second or more for the processes engine).
     */
    static ServerSample read(long pid, int second, boolean withHeap) throws IOException {
        boolean heapNow = withHeap && LiveHeap.supported();
        long live = heapNow ? 0 : -1;
        long rss = 0;
        int fds = 0;
        for (long p : tree(pid)) {
            try {
                rss += ProcStats.read(p).rssBytes();
                try (Stream<Path> s = Files.list(Path.of("/proc/" + p + "/fd"))) {
                    fds += (int) s.count();
                }
                if (heapNow && live >= 0) {
                    long b = LiveHeap.bytes(p);
                    live = b < 0 ? -1 : live + b; // one unreadable: no reading this time
                }
            } catch (IOException | RuntimeException goneMeanwhile) {
                if (p == pid) {
                    throw goneMeanwhile;
                }
            }
        }
        return new ServerSample(second, rss, fds, live);
    }

    /** {@code pid} and its descendants' pids. */
    static java.util.List<Long> tree(long pid) {
        java.util.List<Long> all = new java.util.ArrayList<>(java.util.List.of(pid));
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> all.add(d.pid())));
        return all;
    }

    /**
     * The server's open TCP sockets: descriptors that are sockets whose inode is in
     * {@code /proc/PID/net/tcp} or {@code tcp6}. What a leaked connection leaves behind, unlike
     * the descriptors the JDK opens lazily for good (the epoll instances of its virtual-thread
     * pollers, created at the first blocking IO on a virtual thread, or the attach socket that
     * {@code jcmd} opens).
     */
    static int tcpSockets(long pid) throws IOException {
        int n = 0;
        for (long p : tree(pid)) {
            try {
                n += tcpSocketsOf(p);
            } catch (IOException goneMeanwhile) {
                if (p == pid) {
                    throw goneMeanwhile;
                }
            }
        }
        return n;
    }

    private static int tcpSocketsOf(long pid) throws IOException {
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
