package org.iolab.bench.soak;

import org.iolab.bench.measure.LiveHeap;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a soak found: the counters, each server's samples, and the verdict. It passes when no
 * client met a problem (a wrong byte, a lost or reordered line, a reset or a stall), each
 * server's descriptors came back to where they began once the clients left, and, for runs of
 * three minutes or more, nothing crept: each server's mean resident memory over the last minute
 * is at most 10 % above its mean over the second (the first minute is warm-up), and so is its
 * live heap (the smallest reading of the last two minutes against the second minute's, plus
 * {@link #LIVE_HEAP_SLACK}: what is in flight at a reading can hold a whole minute's readings
 * up, as seen on io_uring, 4 MiB up for a minute and back down after; a creep does not come
 * down). The servers' heaps are fixed and pre-touched, so resident memory shows what grows
 * outside the heap (threads, native buffers, rings) and the live heap what grows inside it.
 *
 * @param minutes how long the load ran
 * @param samples each server's samples, by app
 * @param descriptorsBefore each server's TCP sockets before any client came, by app
 * @param descriptorsAfter each server's TCP sockets once the clients had left, by app
 */
public record SoakReport(String engine, double minutes, SoakCounters counters, Map<String, List<ServerSample>> samples,
                         Map<String, Integer> descriptorsBefore, Map<String, Integer> descriptorsAfter) {

    /** Memory may grow this much from the second minute to the last. */
    static final double RSS_GROWTH_ALLOWED = 0.10;
    /** Live heap that may come and go with what is queued at the moment of a reading. */
    static final long LIVE_HEAP_SLACK = 2L << 20;
    /**
     * TCP sockets a server may hold beyond its starting count once the clients left: none.
     * (All descriptors would be the wrong measure: the JDK opens some for good on first use,
     * such as four epoll instances for its virtual-thread pollers on a 2-CPU machine.)
     */
    static final int DESCRIPTOR_SLACK = 0;

    /** The reasons it fails; empty when it passes. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        if (counters.problems() > 0) {
            out.add(counters.problems() + " client problem(s), first: " + counters.firstProblems().getFirst());
        }
        if (counters.echoMessages() == 0) {
            out.add("no echo message was served");
        }
        samples.forEach((app, s) -> {
            int start = descriptorsBefore.getOrDefault(app, 0);
            Integer after = descriptorsAfter.get(app);
            if (after == null || after > start + DESCRIPTOR_SLACK) {
                out.add(app + " server: " + after + " TCP sockets open after the clients left, " + start + " at the start");
            }
            OptionalDouble growth = rssGrowth(s);
            if (growth.isPresent() && growth.getAsDouble() > RSS_GROWTH_ALLOWED) {
                out.add(String.format(Locale.ROOT, "%s server: resident memory over the last minute %.0f%% above the second "
                        + "minute's", app, 100 * growth.getAsDouble()));
            }
            long[] heap = liveHeap(s);
            if (heap.length == 2 && heap[1] > heap[0] * (1 + RSS_GROWTH_ALLOWED) + LIVE_HEAP_SLACK) {
                out.add(String.format(Locale.ROOT, "%s server: live heap %.1f MiB in the last two minutes, %.1f MiB in the second",
                        app, heap[1] / MIB, heap[0] / MIB));
            }
        });
        return out;
    }

    public boolean passed() {
        return failures().isEmpty();
    }

    private static final double MIB = 1024.0 * 1024.0;

    /** The smallest live heap read in the second minute and in the last two; empty under 4 minutes or unread. */
    static long[] liveHeap(List<ServerSample> s) {
        if (s.isEmpty() || s.getLast().second() < 240) { // the last two minutes after the second
            return new long[0];
        }
        int end = s.getLast().second();
        var second = s.stream().filter(x -> x.hasLiveHeap() && x.second() >= 60 && x.second() < 120)
                .mapToLong(ServerSample::liveHeapBytes).min();
        var last = s.stream().filter(x -> x.hasLiveHeap() && x.second() > end - 120)
                .mapToLong(ServerSample::liveHeapBytes).min();
        return second.isPresent() && last.isPresent() ? new long[] {second.getAsLong(), last.getAsLong()} : new long[0];
    }

    /** Mean RSS of the last minute over the second minute's, minus one; empty for runs under 3 minutes. */
    static OptionalDouble rssGrowth(List<ServerSample> s) {
        if (s.isEmpty() || s.getLast().second() < 180) {
            return OptionalDouble.empty();
        }
        int end = s.getLast().second();
        OptionalDouble second = s.stream().filter(x -> x.second() >= 60 && x.second() < 120)
                .mapToLong(ServerSample::rssBytes).average();
        OptionalDouble last = s.stream().filter(x -> x.second() > end - 60).mapToLong(ServerSample::rssBytes).average();
        if (second.isEmpty() || last.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(last.getAsDouble() / second.getAsDouble() - 1);
    }

    /** The summary a person reads: what ran, memory and descriptors per minute, the verdict. */
    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "soak of %s, %.1f minutes%n", engine, minutes);
        out.printf(Locale.ROOT, "  echo: %,d messages (%,.1f MB) on %,d connections; chat: %,d lines said, %,d heard, "
                        + "%,d joins; rude clients: %,d%n", counters.echoMessages(), counters.echoBytes() / 1e6,
                counters.echoConnections(), counters.chatLinesSent(), counters.chatLinesReceived(), counters.chatJoins(),
                counters.churned());
        samples.forEach((app, s) -> {
            out.printf(Locale.ROOT, "  %s server, per minute: rss MiB (mean) / live heap MiB (least) / descriptors (max)%n   ", app);
            for (int m = 0; m * 60 <= (s.isEmpty() ? -1 : s.getLast().second()); m++) {
                int from = m * 60;
                List<ServerSample> in = s.stream().filter(x -> x.second() >= from && x.second() < from + 60).toList();
                if (!in.isEmpty()) {
                    var live = in.stream().filter(ServerSample::hasLiveHeap).mapToLong(ServerSample::liveHeapBytes).min();
                    out.printf(Locale.ROOT, " %d: %.0f/%s/%d", m + 1, in.stream().mapToDouble(ServerSample::rssMiB).average()
                            .orElse(0), live.isPresent() ? String.format(Locale.ROOT, "%.1f", live.getAsLong() / MIB) : "-",
                            in.stream().mapToInt(ServerSample::descriptors).max().orElse(0));
                }
            }
            out.println();
            OptionalDouble g = rssGrowth(s);
            out.printf(Locale.ROOT, "   memory, last minute against the second: %s; TCP sockets before the clients %d, after "
                            + "they left %s%n",
                    g.isPresent() ? String.format(Locale.ROOT, "%+.1f%%", 100 * g.getAsDouble()) : "not judged (under 3 minutes)",
                    descriptorsBefore.get(app), descriptorsAfter.get(app));
        });
        List<String> f = failures();
        if (f.isEmpty()) {
            boolean judged = samples.values().stream().allMatch(s -> rssGrowth(s).isPresent());
            out.println("PASS: nothing lost or corrupted, TCP sockets back" + (judged ? ", memory steady"
                    : "; memory not judged (runs under 3 minutes)"));
        } else {
            f.forEach(x -> out.println("FAIL: " + x));
            counters.firstProblems().stream().skip(1).forEach(x -> out.println("  also: " + x));
        }
        out.flush();
    }
}
