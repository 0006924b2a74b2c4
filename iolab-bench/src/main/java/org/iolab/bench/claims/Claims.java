package org.iolab.bench.claims;

import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.scenarios.Charts;
import org.iolab.bench.scenarios.IdleCpuScenario;
import org.iolab.bench.scenarios.Scenario;
import org.iolab.bench.scenarios.Scenarios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * The claims of the source documents ({@code shared/seeds/README.md}), each with the evidence
 * the comparison measured and a verdict: holds, does not hold here, or not measured (when the
 * runs it needs were not made).
 *
 * <p>Thread rule: stateless.
 *
 * <p>Over 300 lines on purpose: a method per claim, each a few lines of rule beside its quoted wording; the peers' claims are apart ({@code PeerClaims}).
 */
public final class Claims {

    public static final String HOLDS = "holds";
    public static final String DOES_NOT_HOLD = "does not hold here";
    public static final String NOT_MEASURED = "not measured";
    /** The rounds disagree: some say it holds, some not. */
    public static final String INCONCLUSIVE = "inconclusive";

    /** One claim and what the lab found. */
    public record Claim(int number, String text, String evidence, String verdict) {
    }

    private Claims() {
    }

    /** The scenarios each claim is judged from, by number: the charts a report links it to. */
    private static final Map<Integer, List<Scenario>> EVIDENCE = Map.ofEntries(
            Map.entry(1, List.of(Scenarios.ONE_AT_A_TIME)),
            Map.entry(2, List.of(Scenarios.ACTIVE_1000, Scenarios.ONE_AT_A_TIME)),
            Map.entry(3, List.of(Scenarios.IDLE_CPU)),
            Map.entry(4, List.of(Scenarios.ONE_CONNECTION)),
            Map.entry(5, List.of(Scenarios.IDLE_5000)),
            Map.entry(6, List.of(Scenarios.ACTIVE_100)),
            Map.entry(PeerClaims.HTTP, List.of(Scenarios.HTTP_100, Scenarios.HTTP_PIPELINED)),
            Map.entry(PeerClaims.TLS, List.of(Scenarios.HTTPS_100, Scenarios.HTTPS_PIPELINED, Scenarios.TLS_HANDSHAKES,
                    Scenarios.TLS_RESUMED)),
            Map.entry(PeerClaims.WS, List.of(Scenarios.WS_ECHO, Scenarios.WS_TCP_BESIDE)),
            Map.entry(PeerClaims.H2, List.of(Scenarios.H2C_STREAMS, Scenarios.H2C_ONE_STREAM, Scenarios.H2_TLS_STREAMS,
                    Scenarios.H2_TLS_ONE_STREAM)),
            Map.entry(HeavyHandlerClaim.NUMBER, List.of(Scenarios.HEAVY_HANDLERS, Scenarios.HEAVY_BASELINE)));

    /** The scenarios claim {@code number} is judged from (its evidence's charts), in the order to show them. */
    public static List<Scenario> evidence(int number) {
        return EVIDENCE.getOrDefault(number, List.of());
    }

    /**
     * The verdicts of the claims a comparison of {@code app} can measure (the source documents'
     * six and the heavy handler's, 11, for upper, the HTTP goal for http, the TLS goal for tls, the WebSocket goal for ws): see {@link #judge(List, List, Duration)}.
     */
    public static List<Claim> judge(List<List<BenchResult>> rounds, List<BenchResult> medians, Duration hold,
                                    String app) {
        return judge(rounds, medians, hold).stream().filter(c -> switch (app) {
            case "http" -> c.number() == PeerClaims.HTTP;
            case "tls" -> c.number() == PeerClaims.TLS;
            case "ws" -> c.number() == PeerClaims.WS;
            case "h2" -> c.number() == PeerClaims.H2;
            default -> c.number() < PeerClaims.HTTP || c.number() == HeavyHandlerClaim.NUMBER;
        }).toList();
    }

    /**
     * The verdicts over rounds: each claim judged on the medians, and again on every round alone.
     * When every round agrees with the medians the verdict stands and says so; when they disagree
     * it is {@link #INCONCLUSIVE}, with each round's verdict. One round is one sample, and says so.
     */
    public static List<Claim> judge(List<List<BenchResult>> rounds, List<BenchResult> medians, Duration hold) {
        List<Claim> onMedians = evaluate(medians, hold);
        if (rounds.size() < 2) {
            return onMedians.stream().map(c -> c.verdict().equals(NOT_MEASURED) ? c
                    : new Claim(c.number(), c.text(), c.evidence() + " (one round: one sample, not for comparisons)",
                            c.verdict())).toList();
        }
        List<List<Claim>> perRound = rounds.stream().map(r -> evaluate(r, hold)).toList();
        List<Claim> out = new ArrayList<>();
        for (int i = 0; i < onMedians.size(); i++) {
            Claim c = onMedians.get(i);
            if (c.verdict().equals(NOT_MEASURED)) {
                out.add(c);
                continue;
            }
            int n = i;
            List<String> verdicts = perRound.stream().map(r -> r.get(n).verdict()).toList();
            long agree = verdicts.stream().filter(v -> v.equals(c.verdict())).count();
            String evidence = c.evidence() + " (medians of " + rounds.size() + " rounds";
            if (agree == rounds.size()) {
                out.add(new Claim(c.number(), c.text(), evidence + "; every round agrees)", c.verdict()));
            } else {
                out.add(new Claim(c.number(), c.text(), evidence + "; the rounds disagree: " + String.join(", ", verdicts)
                        + ")", INCONCLUSIVE));
            }
        }
        return out;
    }

    /** The verdicts on one set of rows (one round, or the medians). */
    public static List<Claim> evaluate(List<BenchResult> results, Duration hold) {
        List<Claim> out = new ArrayList<>();
        out.add(blocking(results, hold));
        out.add(threadsAndPool(results, hold));
        out.add(polling(results));
        out.add(multiplexingOneConnection(results));
        out.add(selectLimitAndCost(results));
        out.add(asyncIo(results));
        out.add(PeerClaims.httpAgainstNetty(results));
        out.add(PeerClaims.tlsAgainstNetty(results));
        out.add(PeerClaims.wsAgainstNetty(results));
        out.add(PeerClaims.h2AgainstNetty(results));
        out.add(HeavyHandlerClaim.judge(results));
        return out;
    }

    private static Optional<BenchResult> find(List<BenchResult> rs, Scenario scenario, String target) {
        return rs.stream().filter(r -> r.scenario().equals(scenario.id()) && r.target().equals(target)
                && r.measured()).findFirst();
    }

    /**
     * ", 3.0 system calls per message (epoll_wait 1.0, recvfrom 1.0, sendto 1.0)" for a row perf
     * counted, else why they were not counted; empty for a row without kernel figures.
     */
    static String syscalls(BenchResult r) {
        if (r.kernel() == null) {
            return "";
        }
        if (r.syscallsPerMessage() == null) {
            return "; system calls not measured: " + r.kernel().status();
        }
        String byCall = r.kernel().calls().keySet().stream()
                .filter(c -> r.kernel().perMessage(c) >= 0.05)
                .map(c -> String.format(Locale.ROOT, "%s %.2f", c, r.kernel().perMessage(c)))
                .collect(java.util.stream.Collectors.joining(", "));
        return String.format(Locale.ROOT, ", %.2f system calls per message (%s)", r.syscallsPerMessage(), byCall);
    }

    /**
     * "; 11.8 completions per system call": a message is a receive and a send completion, and
     * io_uring_enter submits and reaps for every connection of a loop at once.
     */
    static String completionsPerCall(BenchResult r) {
        Double enters = r.kernel() == null ? null : r.kernel().perMessage("io_uring_enter");
        if (enters == null) {
            return r.kernel() == null ? "" : "; completions per system call not measured: " + r.kernel().status();
        }
        if (enters == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "; %.1f completions per system call (io_uring_enter %.2f per message, "
                + "%.2f system calls per message in all)", 2 / enters, enters, r.syscallsPerMessage());
    }

    private static double waitMillis(BenchResult r) {
        return r.latency().p50Micros() / 1000;
    }

    private static Claim blocking(List<BenchResult> rs, Duration hold) {
        String text = "Blocking IO blocks in both phases; an iterative server serves one client at a time.";
        Optional<BenchResult> b = find(rs, Scenarios.ONE_AT_A_TIME, "blocking");
        Optional<BenchResult> t = find(rs, Scenarios.ONE_AT_A_TIME, "threads");
        if (b.isEmpty()) {
            return new Claim(1, text, "scenario " + Scenarios.ONE_AT_A_TIME.number() + " was not run on blocking", NOT_MEASURED);
        }
        double waitMs = waitMillis(b.get());
        String evidence = String.format(Locale.ROOT, "on blocking a second client waited %.0f ms while the first held the "
                + "server for %d ms", waitMs, hold.toMillis())
                + t.map(x -> String.format(Locale.ROOT, "; on threads it waited %.1f ms", waitMillis(x))).orElse("");
        return new Claim(1, text, evidence, waitMs >= 0.8 * hold.toMillis() ? HOLDS : DOES_NOT_HOLD);
    }

    private static Claim threadsAndPool(List<BenchResult> rs, Duration hold) {
        String text = "A thread or process per connection serves many clients, but costs memory and scheduling; "
                + "a pool caps it (the pool's size is a hard limit on concurrent long connections).";
        Optional<BenchResult> t = find(rs, Scenarios.ACTIVE_1000, "threads");
        Optional<BenchResult> e = find(rs, Scenarios.ACTIVE_1000, "epoll");
        Optional<BenchResult> p = find(rs, Scenarios.ONE_AT_A_TIME, "pool");
        if (t.isEmpty() || p.isEmpty()) {
            return new Claim(2, text, "needs scenario " + Scenarios.ACTIVE_1000.number() + " on threads and scenario "
                    + Scenarios.ONE_AT_A_TIME.number() + " on pool", NOT_MEASURED);
        }
        // threads grow with connections, far past a reactor's fixed few (a short window on one core may
        // not yet have started one per connection: the 'unserved' column shows those still waiting)
        int reactorThreads = e.map(x -> x.server().threads()).orElse(20);
        boolean perConnection = t.get().server().threads() > Math.max(100, 5 * reactorThreads);
        double poolWaitMs = waitMillis(p.get());
        boolean capped = poolWaitMs >= 0.8 * hold.toMillis();
        String evidence = String.format(Locale.ROOT, "threads ran %d server threads and %.0f MiB for %d connections"
                        + " (%d still waiting for theirs)",
                t.get().server().threads(), t.get().server().rssMiB(), t.get().shape().conns(), t.get().checks().unserved())
                + e.map(x -> String.format(Locale.ROOT, " (epoll: %d threads, %.0f MiB)", x.server().threads(), x.server().rssMiB()))
                .orElse("")
                + String.format(Locale.ROOT, "; on a pool of 1 a second client waited %.0f ms for a free worker", poolWaitMs);
        return new Claim(2, text, evidence, perConnection && capped ? HOLDS : DOES_NOT_HOLD);
    }

    /**
     * Claim 3, judged on what it says: CPU spent while nothing happens, polling's against the
     * multiplexers' (the most any of epoll, poll, select, nio spent). It holds when polling spent
     * at least {@value #IDLE_BURN_PERCENT} % of a core and ten times the multiplexers'; its
     * spinning variant, the source documents' loop, is shown beside it.
     */
    private static Claim polling(List<BenchResult> rs) {
        String text = "Non-blocking polling serves many clients on one thread but burns CPU even when nothing happens.";
        Optional<BenchResult> p = find(rs, Scenarios.IDLE_CPU, "polling");
        Optional<BenchResult> m = rs.stream().filter(r -> r.scenario().equals(Scenarios.IDLE_CPU.id()) && r.measured()
                        && MULTIPLEXERS.contains(r.target()))
                .max(java.util.Comparator.comparingDouble(r -> r.server().cpuPercent()));
        if (p.isEmpty() || m.isEmpty()) {
            return new Claim(3, text, "needs scenario " + Scenarios.IDLE_CPU.number() + " on polling and on a "
                    + "multiplexer (epoll, poll, select or nio)", NOT_MEASURED);
        }
        double pc = p.get().server().cpuPercent();
        double mc = m.get().server().cpuPercent();
        StringBuilder evidence = new StringBuilder(String.format(Locale.ROOT, "with 100 idle connections and no traffic, "
                + "polling used %.1f%% of a core (parking 100 us after 1024 empty passes), the most of the multiplexers "
                + "%.1f%% (%s)", pc, mc, m.get().target()));
        find(rs, Scenarios.IDLE_CPU, IdleCpuScenario.SPIN).ifPresent(spin -> evidence.append(String.format(Locale.ROOT,
                "; the source documents' loop, never parking (%s), %.1f%%", spin.target(), spin.server().cpuPercent())));
        return new Claim(3, text, evidence.toString(),
                pc >= IDLE_BURN_PERCENT && pc >= 10 * Math.max(mc, 0.1) ? HOLDS : DOES_NOT_HOLD);
    }

    /** A core's share that is spent, not noise: a sleeping JVM takes well under 1 %. */
    static final double IDLE_BURN_PERCENT = 5;
    private static final List<String> MULTIPLEXERS = List.of("epoll", "poll", "select", "nio");

    /**
     * Claim 4, judged only on samples with one mode: one connection's round trip on this VM is
     * about 10 us or about 70 us by where the two threads land, so the lab places them the same
     * way for every target ({@link org.iolab.bench.load.Pinning#apart}) and, when a sample still has two modes
     * ({@link org.iolab.bench.load.LatencyModes}), shows both with their shares and says inconclusive. It holds at
     * {@value #NOT_FASTER}x threads' p50 or more, fails under {@value #CLEARLY_FASTER}x, and between the two
     * (placed alike, quick runs here gave 0.79x to 1.25x) it is inconclusive.
     */
    private static Claim multiplexingOneConnection(List<BenchResult> rs) {
        String text = "Multiplexing serves many connections on one thread; it is not faster for one connection, "
                + "and may have more latency than threads at low connection counts.";
        Optional<BenchResult> e = find(rs, Scenarios.ONE_CONNECTION, "epoll").or(() -> find(rs, Scenarios.ONE_CONNECTION, "nio"));
        Optional<BenchResult> t = find(rs, Scenarios.ONE_CONNECTION, "threads");
        if (e.isEmpty() || t.isEmpty() || e.get().latency() == null || t.get().latency() == null) {
            return new Claim(4, text, "needs scenario " + Scenarios.ONE_CONNECTION.number() + " on threads and on epoll (or nio)", NOT_MEASURED);
        }
        double ep = e.get().latency().p50Micros();
        double tp = t.get().latency().p50Micros();
        String evidence = String.format(Locale.ROOT, "one connection, server on CPU 0 and load on the others for every "
                + "target: %s p50 %.0f us (%.0f msg/s%s%s), threads p50 %.0f us (%.0f msg/s%s%s)", e.get().target(), ep,
                e.get().throughput().messagesPerSecond(), syscalls(e.get()), modes(e.get()), tp,
                t.get().throughput().messagesPerSecond(), syscalls(t.get()), modes(t.get()));
        if (e.get().latency().modes() != null || t.get().latency().modes() != null) {
            return new Claim(4, text, evidence + "; a sample with two modes says where the threads ran, not what the "
                    + "model costs", INCONCLUSIVE);
        }
        double ratio = ep / tp;
        if (ratio < NOT_FASTER && ratio >= CLEARLY_FASTER) {
            return new Claim(4, text, String.format(Locale.ROOT, "%s; %s's p50 %.2fx threads': within this machine's "
                    + "run-to-run noise, neither clearly faster", evidence, e.get().target(), ratio), INCONCLUSIVE);
        }
        return new Claim(4, text, evidence, ratio >= NOT_FASTER ? HOLDS : DOES_NOT_HOLD);
    }

    /**
     * How much lower multiplexing's p50 must be than threads' to say it is faster for one
     * connection: runs of one server differ by 10-30 % here, so 0.7-0.9x is noise, not a verdict.
     */
    static final double CLEARLY_FASTER = 0.7;
    /** Multiplexing's p50 at this share of threads' or more: not faster for one connection. */
    static final double NOT_FASTER = 0.9;

    /** {@code "; two modes: 62% near 10 us, 38% near 70 us"}, or empty for a sample with one. */
    private static String modes(BenchResult r) {
        return r.latency().modes() == null ? "" : "; " + r.latency().modes();
    }

    private static Claim selectLimitAndCost(List<BenchResult> rs) {
        String text = "select is limited to 1024 descriptors and, like poll, costs O(n) per call in the number watched; "
                + "epoll costs O(ready).";
        Optional<BenchResult> s = rs.stream()
                .filter(r -> r.scenario().equals(Scenarios.IDLE_5000.id()) && r.target().equals("select")).findFirst();
        Optional<BenchResult> p4 = find(rs, Scenarios.IDLE_5000, "poll");
        Optional<BenchResult> e4 = find(rs, Scenarios.IDLE_5000, "epoll");
        if (s.isEmpty() || p4.isEmpty() || e4.isEmpty()) {
            return new Claim(5, text, "needs scenario " + Scenarios.IDLE_5000.number() + " on select, poll and epoll", NOT_MEASURED);
        }
        boolean refused = s.get().note().contains("past 1024");
        double ratio = Charts.or(p4.get().cpuMicrosPerMessage()) / Charts.or(e4.get().cpuMicrosPerMessage());
        String evidence = String.format(Locale.ROOT, "with %d idle connections select %s; poll spent %.1f us of CPU per "
                        + "message%s, epoll %.1f us%s (%.1fx)", s.get().shape().idle(),
                refused ? "refused the descriptors past 1024 and kept running" : "did not refuse any descriptor",
                Charts.or(p4.get().cpuMicrosPerMessage()), syscalls(p4.get()), Charts.or(e4.get().cpuMicrosPerMessage()),
                syscalls(e4.get()), ratio) + growth(rs, "poll") + growth(rs, "epoll");
        return new Claim(5, text, evidence, refused && ratio > 1.5 ? HOLDS : DOES_NOT_HOLD);
    }

    /**
     * "; poll from 10 to 10010 watched: 9.1 to 260.3 us per message": the idle sweep's ends for
     * one target, empty when fewer than two of its points were measured.
     */
    static String growth(List<BenchResult> rs, String target) {
        List<BenchResult> points = Scenarios.IDLE_SWEEP.points().stream()
                .flatMap(p -> find(rs, p, target).filter(r -> r.cpuMicrosPerMessage() != null).stream()).toList();
        if (points.size() < 2) {
            return "";
        }
        BenchResult a = points.getFirst();
        BenchResult b = points.getLast();
        return String.format(Locale.ROOT, "; %s from %d to %d watched: %.1f to %.1f us per message", target,
                a.shape().conns() + a.shape().idle(), b.shape().conns() + b.shape().idle(), a.cpuMicrosPerMessage(),
                b.cpuMicrosPerMessage());
    }

    private static Claim asyncIo(List<BenchResult> rs) {
        String text = "Async IO lets the kernel do both phases and notify on completion.";
        Optional<BenchResult> u = find(rs, Scenarios.ACTIVE_100, "iouring");
        Optional<BenchResult> e = find(rs, Scenarios.ACTIVE_100, "epoll");
        if (u.isEmpty()) {
            return new Claim(6, text, "needs scenario " + Scenarios.ACTIVE_100.number() + " on iouring (io_uring, where the kernel does both phases; nio2 "
                    + "is a Proactor emulated over epoll on Linux and does not count)", NOT_MEASURED);
        }
        BenchResult r = u.get();
        boolean served = r.messages() > 0 && r.checks().mismatches() == 0 && r.checks().errors() == 0;
        String evidence = String.format(Locale.ROOT, "iouring never calls recv or send: the kernel waited for data, "
                + "copied it into provided buffers and reported each completion; it served %d connections byte-exact at "
                + "%.0f msg/s and %.2f us of server CPU per message", r.shape().conns(), r.throughput().messagesPerSecond(),
                Charts.or(r.cpuMicrosPerMessage()))
                + e.map(x -> String.format(Locale.ROOT, " (epoll, which asks for readiness and then reads: %.2f us)",
                        Charts.or(x.cpuMicrosPerMessage()))).orElse("")
                + completionsPerCall(r);
        return new Claim(6, text, evidence, served ? HOLDS : DOES_NOT_HOLD);
    }
}
