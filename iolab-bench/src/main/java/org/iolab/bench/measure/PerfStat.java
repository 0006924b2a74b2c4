package org.iolab.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * System calls and context switches of a server process over a window, counted by the kernel
 * through {@code perf stat -e raw_syscalls:sys_enter -e raw_syscalls:sys_enter --filter 'id == 0'
 * ... -p PID} (the count, not a sample: every entry into the kernel is one): which events this
 * machine offers, and how perf's output reads. Where perf is missing or not permitted,
 * {@link #probe} says why, and the lab says "not measured" with that reason. Attaching to a
 * server and switching the count over a window: {@link PerfCounting}.
 *
 * <p>Thread rule: stateless but for the probe, made once per process, from any thread.
 */
public final class PerfStat {

    /** Every system call (the total). */
    static final String ALL = "raw_syscalls:sys_enter";
    static final String SWITCHES = "context-switches";
    /** The calls an IO model is made of; those this kernel lacks are left out at the probe. */
    static final List<String> CALLS = List.of("read", "write", "readv", "writev", "recvfrom", "sendto", "recvmsg",
            "sendmsg", "select", "pselect6", "poll", "ppoll", "epoll_wait", "epoll_pwait", "epoll_pwait2", "epoll_ctl",
            "io_uring_enter", "accept", "accept4", "futex");

    /**
     * One event perf counts: its label in {@link Counts} ({@code syscalls:sys_enter_read}) and the
     * perf arguments that count it.
     */
    record Event(String label, List<String> args) {
    }

    /**
     * System call numbers of the calls in {@link #CALLS}, by {@code os.arch}: x86-64's from the
     * kernel's {@code arch/x86/entry/syscalls/syscall_64.tbl}, aarch64's from the generic
     * {@code include/uapi/asm-generic/unistd.h} (which has no select, poll or epoll_wait: libc
     * uses pselect6, ppoll and epoll_pwait there). Counting a call as {@code raw_syscalls:sys_enter}
     * filtered on its number keeps one tracepoint for all of them: perf then detaches in some
     * 40 ms, where twenty tracepoints of their own take 0.8 s (one RCU grace period each), which
     * every run of the lab would wait for.
     */
    static final Map<String, Map<String, Integer>> NUMBERS = Map.of(
            "amd64", numbers("read 0 write 1 readv 19 writev 20 recvfrom 45 sendto 44 recvmsg 47 sendmsg 46 select 23 "
                    + "pselect6 270 poll 7 ppoll 271 epoll_wait 232 epoll_pwait 281 epoll_pwait2 441 epoll_ctl 233 "
                    + "io_uring_enter 426 accept 43 accept4 288 futex 202"),
            "aarch64", numbers("read 63 write 64 readv 65 writev 66 recvfrom 207 sendto 206 recvmsg 212 sendmsg 211 "
                    + "pselect6 72 ppoll 73 epoll_pwait 22 epoll_pwait2 441 epoll_ctl 21 io_uring_enter 426 accept 202 "
                    + "accept4 242 futex 98"));

    private static Map<String, Integer> numbers(String pairs) {
        String[] f = pairs.split(" ");
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < f.length; i += 2) {
            m.put(f[i], Integer.parseInt(f[i + 1]));
        }
        return Map.copyOf(m);
    }

    /**
     * What this machine allows.
     *
     * @param why empty when perf counts here, else why not (and what to install or set)
     * @param events the events to count (the total, the switches, then the calls this kernel has)
     */
    public record Probe(String why, List<Event> events) {

        public boolean available() {
            return why.isEmpty();
        }

        List<String> labels() {
            return events.stream().map(Event::label).toList();
        }

        List<String> args() {
            return events.stream().flatMap(e -> e.args().stream()).toList();
        }
    }

    /** What was counted: each event's count, {@code null} for an event perf could not count. */
    public record Counts(Map<String, Long> byEvent) {

        public Long total() {
            return byEvent.get(ALL);
        }

        public Long switches() {
            return byEvent.get(SWITCHES);
        }

        /** Counts of the individual calls ({@code read} to its count), zero counts left out. */
        public Map<String, Long> calls() {
            Map<String, Long> out = new LinkedHashMap<>();
            byEvent.forEach((k, v) -> {
                if (k.startsWith("syscalls:sys_enter_") && v != null && v > 0) {
                    out.put(k.substring("syscalls:sys_enter_".length()), v);
                }
            });
            return out;
        }
    }

    private static volatile Probe probed;

    private PerfStat() {
    }

    /** Whether and what perf counts here; asked once per process (about 20 short perf runs). */
    public static Probe probe() {
        Probe p = probed;
        if (p == null) {
            p = probeNow();
            probed = p;
        }
        return p;
    }

    private static Probe probeNow() {
        List<Event> base = List.of(new Event(ALL, List.of("-e", ALL)), new Event(SWITCHES, List.of("-e", SWITCHES)));
        Run total = perf(withArgs(List.of("stat", "-x,"), base, List.of("--", "true")));
        if (total == null) {
            return new Probe("perf is not installed (Debian: apt-get install linux-perf)", List.of());
        }
        String problem = problem(total.output());
        if (total.exit() != 0 || problem != null) {
            return new Probe(problem != null ? problem : "perf stat failed: " + firstLine(total.output()), List.of());
        }
        Map<String, Integer> numbers = NUMBERS.getOrDefault(System.getProperty("os.arch"), Map.of());
        List<Event> filtered = new ArrayList<>(base);
        numbers.forEach((call, nr) -> filtered.add(new Event("syscalls:sys_enter_" + call,
                List.of("-e", ALL, "--filter", "id == " + nr))));
        Run r = numbers.isEmpty() ? null : perf(withArgs(List.of("stat", "-x,"), filtered, List.of("--", "true")));
        if (r != null && r.exit() == 0 && problem(r.output()) == null) {
            return new Probe("", List.copyOf(filtered));
        }
        List<Event> events = new ArrayList<>(base); // no numbers for this machine: a tracepoint per call
        for (String call : CALLS) {
            String e = "syscalls:sys_enter_" + call;
            Run one = perf(List.of("stat", "-x,", "-e", e, "--", "true"));
            if (one != null && one.exit() == 0 && problem(one.output()) == null) {
                events.add(new Event(e, List.of("-e", e)));
            }
        }
        return new Probe("", List.copyOf(events));
    }

    static List<String> withArgs(List<String> before, List<Event> events, List<String> after) {
        List<String> all = new ArrayList<>(before);
        events.forEach(e -> all.addAll(e.args()));
        all.addAll(after);
        return all;
    }

    /** Why perf's output says it could not count, or {@code null} when it counted. */
    static String problem(String output) {
        if (output.contains("perf not found for kernel")) {
            return "perf for this kernel is not installed (Debian: apt-get install linux-perf)";
        }
        if (output.contains("Permission denied") || output.contains("No permission") || output.contains("paranoid")) {
            return "perf is not permitted here (run as root, or set kernel.perf_event_paranoid to -1)";
        }
        if (output.contains("<not supported>") || output.contains("unknown tracepoint") || output.contains("not found")) {
            return "this kernel does not offer the system-call tracepoints to perf (" + firstLine(output) + ")";
        }
        return null;
    }

    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /**
     * Parses {@code perf stat -x,} output: one line per event, {@code value,unit,event,...}, in
     * the order the events were given, labelled by {@code labels} (the same event filtered on
     * different calls prints the same name); {@code <not counted>} and {@code <not supported>}
     * values count as {@code null}.
     */
    static Counts parse(String output, List<String> labels) {
        Map<String, Long> counts = new LinkedHashMap<>();
        int i = 0;
        for (String line : output.split("\n")) {
            String[] f = line.strip().split(",", -1);
            if (f.length < 3 || line.startsWith("#") || f[2].isEmpty()) {
                continue;
            }
            String value = f[0].strip();
            Long v = null;
            if (!value.startsWith("<")) {
                try {
                    v = Math.round(Double.parseDouble(value));
                } catch (NumberFormatException notACount) {
                    continue;
                }
            }
            if (i < labels.size()) {
                counts.put(labels.get(i++), v);
            }
        }
        return new Counts(counts);
    }

    record Run(int exit, String output) {
    }

    /** Runs perf with {@code args}; {@code null} when there is no perf to run. */
    private static Run perf(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("perf");
        cmd.addAll(args);
        return run(cmd);
    }

    /** Runs {@code cmd} to its end (10 s at most); {@code null} when it cannot be started. */
    static Run run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, "perf did not finish");
            }
            return new Run(p.exitValue(), output);
        } catch (IOException e) {
            return null; // no perf on the PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted");
        }
    }
}
