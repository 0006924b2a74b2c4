package org.iolab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * System calls and context switches of a server process over a window, counted by the kernel
 * through {@code perf stat -e raw_syscalls:sys_enter,syscalls:sys_enter_read,... -p PID} (the
 * count, not a sample: every entry into the kernel is one). Where perf is missing or not
 * permitted, {@link #probe} says why, and the lab says "not measured" with that reason.
 *
 * <p>Thread rule: {@link #probe} from any thread (once per process); a {@link Counting} belongs
 * to the run that started it.
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

    private static List<String> withArgs(List<String> before, List<Event> events, List<String> after) {
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

    private static String firstLine(String s) {
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

    /**
     * Attaches perf to {@code pid} with its events disabled, so that attaching (which takes a
     * good part of a second) happens before the window, and returns once perf has opened its
     * events on every thread of the process: a thread started after that inherits them all, but
     * one started while perf is still opening them would be counted by some events and not
     * others (a thread per connection, or Netty's lazily started loops, were: 0.2-0.9 reads per
     * message where every message takes one); {@link Counting#enable} and
     * {@link Counting#disable} then bound the count to the window itself, to the millisecond,
     * through perf's control FIFO. {@code null} when perf does not count here.
     */
    static Counting attach(long pid) throws IOException {
        Probe p = probe();
        if (!p.available()) {
            return null;
        }
        IOException failed = null;
        for (int attempt = 0; attempt < ATTACH_ATTEMPTS; attempt++) {
            try {
                return attachOnce(p, pid);
            } catch (IOException e) {
                failed = e; // a thread of the server ended while perf was attaching: try again
            }
        }
        throw failed;
    }

    /**
     * How often attaching is tried: perf gives up when a thread of the process ends while it sets
     * a filter on that thread's events ({@code failed to set filter ... (No such process)}), and
     * the JVM starts and ends compiler and GC threads as it pleases.
     */
    static final int ATTACH_ATTEMPTS = 3;

    private static Counting attachOnce(Probe p, long pid) throws IOException {
        Path dir = Files.createTempDirectory("iolab-perf");
        Path ctl = dir.resolve("ctl");
        Path ack = dir.resolve("ack");
        Path out = dir.resolve("counts.csv");
        for (Path fifo : List.of(ctl, ack)) {
            Run r = run(List.of("mkfifo", fifo.toString()));
            if (r == null || r.exit() != 0) {
                throw new IOException("mkfifo failed: " + (r == null ? "no mkfifo" : r.output()));
            }
        }
        Process perf = new ProcessBuilder(withArgs(List.of("perf", "stat", "-x,", "-o", out.toString(), "-D", "-1",
                "--control", "fifo:" + ctl + "," + ack), p.events(), List.of("-p", Long.toString(pid))))
                .redirectErrorStream(true).redirectOutput(dir.resolve("perf.log").toFile()).start();
        // read-write opens of a FIFO never block, whether perf has opened its ends yet or not
        Counting counting = new Counting(perf, p.labels(), dir, out, new java.io.RandomAccessFile(ctl.toFile(), "rw"),
                new java.io.RandomAccessFile(ack.toFile(), "rw"));
        try {
            counting.disable(); // acknowledged once perf has opened every event on every thread
        } catch (IOException e) {
            counting.close();
            throw e;
        }
        return counting;
    }

    /** A perf stat attached to a server, its counting switched on and off over the window. */
    static final class Counting implements AutoCloseable {
        private final Process perf;
        private final List<String> labels;
        private final Path dir;
        private final Path out;
        private final java.io.RandomAccessFile ctl;
        private final java.io.RandomAccessFile ack;

        private Counting(Process perf, List<String> labels, Path dir, Path out, java.io.RandomAccessFile ctl, java.io.RandomAccessFile ack) {
            this.perf = perf;
            this.labels = labels;
            this.dir = dir;
            this.out = out;
            this.ctl = ctl;
            this.ack = ack;
            // a platform thread: a blocking read of a FIFO holds its carrier, and two such
            // virtual readers held both carriers of a 2-core machine, so no ack was ever read
            Thread.ofPlatform().daemon(true).name("iolab-perf-ack").start(this::readAcks);
        }

        /** Perf's acknowledgements, one permit each: {@code ack} lines on the ack FIFO; {@code bye} ends. */
        private final java.util.concurrent.Semaphore acks = new java.util.concurrent.Semaphore(0);

        private void readAcks() {
            StringBuilder line = new StringBuilder();
            try {
                int b;
                while ((b = ack.read()) >= 0) {
                    if (b == 0) { // perf writes "ack\n" with its terminating NUL
                        continue;
                    }
                    if (b != '\n') {
                        line.append((char) b);
                        continue;
                    }
                    if (line.toString().equals("bye")) {
                        return;
                    }
                    if (line.toString().equals("ack")) {
                        acks.release();
                    }
                    line.setLength(0);
                }
            } catch (IOException closed) {
                // the run is over
            }
        }

        /** Starts counting; returns once perf says it has (or fails within 10 s). */
        void enable() throws IOException {
            command("enable");
        }

        /** Stops counting; returns once perf says it has. */
        void disable() throws IOException {
            command("disable");
        }

        private void command(String cmd) throws IOException {
            ctl.write((cmd + "\n").getBytes(StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                while (!acks.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    if (!perf.isAlive() || System.nanoTime() > deadline) { // no ack will come
                        throw new IOException("perf stat did not acknowledge " + cmd + (perf.isAlive() ? ""
                                : " (it exited with " + perf.exitValue() + ": " + log() + ")"));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        /** The first line perf wrote of its own (an error), or empty. */
        private String log() {
            try {
                return firstLine(Files.readString(dir.resolve("perf.log"), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return "";
            }
        }

        /** Ends perf (SIGINT: it writes its counts and exits) and returns what it counted. */
        Counts finish() throws IOException, InterruptedException {
            run(List.of("kill", "-INT", Long.toString(perf.pid())));
            if (!perf.waitFor(10, TimeUnit.SECONDS)) {
                throw new IOException("perf stat did not stop");
            }
            return parse(Files.readString(out, StandardCharsets.UTF_8), labels);
        }

        @Override
        public void close() throws IOException {
            perf.destroyForcibly();
            ack.write("bye\n".getBytes(StandardCharsets.US_ASCII)); // ends the reader
            ctl.close();
            ack.close();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private record Run(int exit, String output) {
    }

    /** Runs perf with {@code args}; {@code null} when there is no perf to run. */
    private static Run perf(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("perf");
        cmd.addAll(args);
        return run(cmd);
    }

    /** Runs {@code cmd} to its end (10 s at most); {@code null} when it cannot be started. */
    private static Run run(List<String> cmd) {
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
