package org.iolab.bench.soak;

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
 * three minutes or more, each server's mean resident memory over the last minute is at most
 * 10 % above its mean over the second (the first minute is warm-up: the JIT, the heap growing
 * to its working size).
 *
 * @param minutes how long the load ran
 * @param samples each server's samples, by app
 * @param descriptorsBefore each server's descriptors before any client came, by app
 * @param descriptorsAfter each server's descriptors once the clients had left, by app
 */
public record SoakReport(String engine, double minutes, SoakCounters counters, Map<String, List<ServerSample>> samples,
                         Map<String, Integer> descriptorsBefore, Map<String, Integer> descriptorsAfter) {

    /** Memory may grow this much from the second minute to the last. */
    static final double RSS_GROWTH_ALLOWED = 0.10;
    /** Descriptors a server may hold beyond its starting count once the clients left. */
    static final int DESCRIPTOR_SLACK = 4;

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
                out.add(app + " server: " + after + " descriptors open after the clients left, " + start + " at the start");
            }
            OptionalDouble growth = rssGrowth(s);
            if (growth.isPresent() && growth.getAsDouble() > RSS_GROWTH_ALLOWED) {
                out.add(String.format(Locale.ROOT, "%s server: resident memory over the last minute %.0f%% above the second "
                        + "minute's", app, 100 * growth.getAsDouble()));
            }
        });
        return out;
    }

    public boolean passed() {
        return failures().isEmpty();
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
            out.printf(Locale.ROOT, "  %s server, per minute: rss MiB (mean) / descriptors (max)%n   ", app);
            for (int m = 0; m * 60 <= (s.isEmpty() ? -1 : s.getLast().second()); m++) {
                int from = m * 60;
                List<ServerSample> in = s.stream().filter(x -> x.second() >= from && x.second() < from + 60).toList();
                if (!in.isEmpty()) {
                    out.printf(Locale.ROOT, " %d: %.0f/%d", m + 1, in.stream().mapToDouble(ServerSample::rssMiB).average()
                            .orElse(0), in.stream().mapToInt(ServerSample::descriptors).max().orElse(0));
                }
            }
            out.println();
            OptionalDouble g = rssGrowth(s);
            out.printf(Locale.ROOT, "   memory, last minute against the second: %s; descriptors before the clients %d, after "
                            + "they left %s%n",
                    g.isPresent() ? String.format(Locale.ROOT, "%+.1f%%", 100 * g.getAsDouble()) : "not judged (under 3 minutes)",
                    descriptorsBefore.get(app), descriptorsAfter.get(app));
        });
        List<String> f = failures();
        if (f.isEmpty()) {
            boolean judged = samples.values().stream().allMatch(s -> rssGrowth(s).isPresent());
            out.println("PASS: nothing lost or corrupted, descriptors back" + (judged ? ", memory steady"
                    : "; memory not judged (runs under 3 minutes)"));
        } else {
            f.forEach(x -> out.println("FAIL: " + x));
            counters.firstProblems().stream().skip(1).forEach(x -> out.println("  also: " + x));
        }
        out.flush();
    }
}
