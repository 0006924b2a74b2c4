package org.iolab.bench.report;

import java.util.List;
import java.util.Map;
import org.iolab.bench.scenarios.Scenarios;

/**
 * One colour per target across every chart of a report, by family: the thread engines in blues,
 * the readiness engines (reactors and the busy loop) in greens, the completion engines in
 * oranges, the peers in purples and grey (and drawn apart: last, dashed). A variant
 * ({@code epoll+offload}, {@code netty-epoll+openssl}) keeps its engine's colour, dashed.
 *
 * <p>Thread rule: stateless.
 */
final class Palette {

    /** The families, in the order charts show them. */
    enum Family {
        THREADS("thread per connection"), READINESS("readiness (reactors)"), COMPLETION("completion (proactors)"),
        PEERS("peers");

        final String label;

        Family(String label) {
            this.label = label;
        }
    }

    private static final Map<String, String> COLORS = Map.ofEntries(
            Map.entry("blocking", "#08306b"), Map.entry("threads", "#2171b5"), Map.entry("pool", "#6baed6"),
            Map.entry("processes", "#4292c6"), Map.entry("virtual", "#9ecae1"),
            Map.entry("polling", "#005a32"), Map.entry("select", "#238b45"), Map.entry("poll", "#41ab5d"),
            Map.entry("epoll", "#74c476"), Map.entry("nio", "#a1d99b"),
            Map.entry("nio2", "#d94801"), Map.entry("iouring", "#fd8d3c"),
            Map.entry("netty-nio", "#54278f"), Map.entry("netty-epoll", "#756bb1"), Map.entry("netty-iouring", "#9e9ac8"),
            Map.entry("nginx", "#636363"));
    private static final List<String> COMPLETION = List.of("nio2", "iouring");

    private Palette() {
    }

    /** The engine or peer of a target's name: what comes before a {@code +}. */
    static String base(String target) {
        int plus = target.indexOf('+');
        return plus < 0 ? target : target.substring(0, plus);
    }

    static Family family(String target) {
        String b = base(target);
        if (b.startsWith("netty-") || b.equals("nginx")) {
            return Family.PEERS;
        }
        return Scenarios.THREAD_ENGINES.contains(b) ? Family.THREADS : COMPLETION.contains(b) ? Family.COMPLETION : Family.READINESS;
    }

    /** Its colour: its engine's, grey for one this palette does not know. */
    static String color(String target) {
        return COLORS.getOrDefault(base(target), "#999999");
    }

    /** Whether it is drawn dashed: a peer, or a variant of an engine. */
    static boolean dashed(String target) {
        return family(target) == Family.PEERS || target.indexOf('+') > 0;
    }

    /** {@code targets} in family order (peers last), each family's in the order given. */
    static List<String> ordered(List<String> targets) {
        return targets.stream().sorted(java.util.Comparator.comparing(t -> family(t).ordinal())).toList();
    }
}
