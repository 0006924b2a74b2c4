package org.iolab.bench.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.iolab.bench.claims.Claims.Claim;
import org.iolab.bench.measure.BenchResult;
import org.iolab.bench.peers.Target;
import org.iolab.bench.scenarios.Scenario;
import org.iolab.bench.scenarios.Scenarios;

/**
 * Claim 11, the source documents' one claim about a reactor's weak spot (001, "select模块的缺点"):
 * judged on scenario 33 against its baseline, scenario 32, row by row: how much the paced
 * connections' p99 grew when heavy handlers ran beside them. On a single-loop reactor with the
 * work on its loop it must grow by at least {@value #GROWS} of the handler's time; on a thread per
 * connection that the kernel schedules ({@code threads}), and on a reactor with the work off its
 * loop ({@code +offload}), by at most {@value #STAYS} of it.
 *
 * <p>Virtual threads ({@code virtual}, and {@code processes}, whose workers run them here) are
 * quoted beside, not judged: the document's claim sets an event loop against threads the kernel
 * time-slices, and the JDK's scheduler does not time-slice virtual threads (JEP 444). A handler
 * that computes keeps its carrier, and there are as many carriers as CPUs the server may use:
 * measured here with one ({@code --pin}), the others' p99 grew by the handler's time, as on a
 * loop; with two, it did not. A handler that blocks gives its carrier back.
 *
 * <p>Thread rule: stateless.
 */
final class HeavyHandlerClaim {

    static final int NUMBER = 11;
    /** The share of the handler's time a reactor's p99 must grow by: "about the handler's time". */
    static final double GROWS = 0.5;
    /** The share of the handler's time the others' p99 may grow by and still be "near the baseline". */
    static final double STAYS = 0.3;
    /** The handler's time, as scenario 33 asks for it. */
    static final double WORK_MILLIS = 50;
    static final String TEXT = "001, select模块的缺点: \"该模型将事件探测和事件响应夹杂在一起，一旦事件响应的执行体庞大，"
            + "则对整个模型是灾难性的\" (the model mixes detecting events with responding to them; once a handler's work is "
            + "large, it is a disaster for the whole model). Here: on a single-loop reactor the others' p99 grows by about the "
            + "heavy handler's time; on a thread per connection (threads the kernel time-slices) it does not; on a reactor "
            + "with the work taken off the loop it stays near the baseline.";
    /** Why the virtual-thread rows are beside the verdict, not in it. */
    static final String CARRIERS = "virtual threads beside, not judged (the JDK does not time-slice them: a handler that "
            + "computes keeps its carrier, and there are as many carriers as CPUs the server may use, one with --pin; one "
            + "that blocks gives it back)";
    /** The engines whose connections' threads are virtual in scenario 33. */
    static final java.util.Set<String> VIRTUAL = java.util.Set.of("virtual", "processes");

    private HeavyHandlerClaim() {
    }

    static Claim judge(List<BenchResult> rs) {
        List<String> reactors = new ArrayList<>();
        List<String> others = new ArrayList<>();
        List<String> virtual = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        boolean reactorsGrow = true;
        boolean othersStay = true;
        int offloaded = 0;
        for (BenchResult heavy : rows(rs, Scenarios.HEAVY_HANDLERS)) {
            Optional<BenchResult> base = rows(rs, Scenarios.HEAVY_BASELINE).stream()
                    .filter(b -> b.target().equals(heavy.target())).findFirst();
            if (base.isEmpty()) {
                continue;
            }
            double grew = (heavy.latency().p99Micros() - base.get().latency().p99Micros()) / 1000;
            String label = heavy.target().equals("processes") ? "processes (virtual-thread workers)" : heavy.target();
            String line = String.format(Locale.ROOT, "%s %.1f -> %.1f ms (%+.1f)", label,
                    base.get().latency().p99Micros() / 1000, heavy.latency().p99Micros() / 1000, grew);
            if (Target.isPeer(heavy.target())) {
                peers.add(line); // beside, not judged: the claim is iolab's models'
            } else if (VIRTUAL.contains(heavy.target())) {
                virtual.add(line);
            } else if (onItsLoop(heavy.target())) {
                reactors.add(line);
                reactorsGrow &= grew >= GROWS * WORK_MILLIS;
            } else {
                others.add(line);
                othersStay &= grew <= STAYS * WORK_MILLIS;
                offloaded += heavy.target().endsWith("+offload") ? 1 : 0;
            }
        }
        if (reactors.isEmpty() || others.size() == offloaded || offloaded == 0) {
            return new Claim(NUMBER, TEXT, "needs scenarios " + Scenarios.HEAVY_BASELINE.number() + " and "
                    + Scenarios.HEAVY_HANDLERS.number() + " on a reactor (epoll), the same with its work off the loop "
                    + "(epoll+offload) and a thread per connection (threads)", Claims.NOT_MEASURED);
        }
        String evidence = String.format(Locale.ROOT, "the paced connections' p99 without and with heavy handlers of %.0f ms; "
                + "a single-loop reactor with the work on its loop: %s; threads and work off the loop: %s (grows: at least "
                + "%.0f ms; near the baseline: at most %.0f ms more)", WORK_MILLIS, String.join(", ", reactors),
                String.join(", ", others), GROWS * WORK_MILLIS, STAYS * WORK_MILLIS)
                + (virtual.isEmpty() ? "" : "; " + CARRIERS + ": " + String.join(", ", virtual))
                + (peers.isEmpty() ? "" : "; Netty beside, one loop (+offload: its DefaultEventExecutorGroup of "
                + "16 threads, shared by the channels): " + String.join(", ", peers));
        return new Claim(NUMBER, TEXT, evidence, reactorsGrow && othersStay ? Claims.HOLDS : Claims.DOES_NOT_HOLD);
    }

    /** A reactor's row with the heavy work on its loop: not a thread engine's, not offloaded. */
    private static boolean onItsLoop(String target) {
        return !target.endsWith("+offload") && !Scenarios.THREAD_ENGINES.contains(target.split("\\+")[0]);
    }

    private static List<BenchResult> rows(List<BenchResult> rs, Scenario s) {
        return rs.stream().filter(r -> r.scenario().equals(s.id()) && r.measured() && r.latency() != null).toList();
    }
}
