package org.iolab.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nghttp2's {@code h2load} as the lab's HTTP/2 load (Debian's nghttp2-client): the lab's own
 * load speaks HTTP/1.1, and a client no one here wrote is the fairer judge of a protocol this
 * new. One run: {@code conns} connections, {@code streams} requests in flight on each
 * ({@code GET /plaintext}), for a time after a warm-up, one client thread; or the same over
 * HTTP/1.1 with the requests pipelined ({@code --h1}), so that both protocols meet one client.
 *
 * <p>Thread rule: stateless; {@link #start} returns a run to wait for.
 */
public final class H2load {

    private static final List<String> EXECUTABLES = List.of("/usr/bin/h2load", "/usr/local/bin/h2load");
    private static final Pattern FINISHED = Pattern.compile("finished in ([0-9.]+)(ms|s), ([0-9.]+) req/s");
    private static final Pattern REQUESTS = Pattern.compile(
            "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored, (\\d+) timeout");
    private static final Pattern STATUS = Pattern.compile("status codes: (\\d+) 2xx, (\\d+) 3xx, (\\d+) 4xx, (\\d+) 5xx");
    private static final Pattern MEAN = Pattern.compile("time for request:\\s+\\S+\\s+\\S+\\s+([0-9.]+)(us|ms|s)");

    /**
     * One load.
     *
     * @param h1 HTTP/1.1 with {@code streams} requests pipelined, instead of HTTP/2
     * @param cpu the CPU h2load runs on ({@code taskset}), or -1 for anywhere
     */
    public record Spec(InetSocketAddress server, boolean tls, boolean h1, int conns, int streams, Duration warmup,
                       Duration duration, int cpu) {
    }

    /**
     * What h2load counted in its measured window (after its warm-up).
     *
     * @param requestsPerSecond the rate over the window
     * @param succeeded the requests answered, whatever their status (h2load's "succeeded")
     * @param not2xx the answers whose status was not 2xx: each a wrong answer to {@code GET /plaintext}
     * @param meanMicros the mean time a request took (h2load gives no percentiles)
     */
    public record Result(double seconds, double requestsPerSecond, long succeeded, long failed, long errored,
                         long not2xx, double meanMicros, String output) {
    }

    /** A run under way. */
    public record Running(Process process, Path log) {
        /** Waits for the run's end (bounded by its spec's times and a minute more) and reads what it said. */
        public Result await(Spec spec) throws IOException, InterruptedException {
            return await(spec, Duration.ofSeconds(60)); // and its connections made
        }

        /**
         * Waits for the run's end, at most its spec's times and {@code grace} more, and reads what it
         * said; a run still going then is killed. h2load 1.52 can hang after "Stopped all clients"
         * when its duration ends while connections are still in their TLS handshake (a cold
         * server's), so a bounded wait is the only sure end.
         */
        public Result await(Spec spec, Duration grace) throws IOException, InterruptedException {
            long limit = spec.warmup().plus(spec.duration()).plus(grace).toSeconds();
            if (!process.waitFor(limit, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                Files.deleteIfExists(log);
                throw new IOException("h2load did not end within " + limit + " s");
            }
            String out = Files.readString(log);
            Files.deleteIfExists(log);
            return parse(out);
        }
    }

    private H2load() {
    }

    /** Where h2load is, or {@code null}. */
    static String executable() {
        return EXECUTABLES.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }

    /** Why h2load cannot run here, or {@code null} when it can. */
    public static String missing() {
        return executable() == null ? "h2load is not installed here (apt-get install nghttp2-client)" : null;
    }

    /** The command line of {@code spec}. */
    static List<String> command(String h2load, Spec spec) {
        List<String> cmd = new ArrayList<>();
        if (spec.cpu() >= 0) {
            cmd.addAll(List.of("taskset", "-c", Integer.toString(spec.cpu())));
        }
        cmd.addAll(List.of(h2load, "-t", "1", "-c", Integer.toString(spec.conns()), "-m", Integer.toString(spec.streams()),
                "-D", seconds(spec.duration()), "--warm-up-time", seconds(spec.warmup())));
        if (spec.h1()) {
            cmd.add("--h1");
        }
        cmd.add((spec.tls() ? "https://" : "http://") + spec.server().getHostString() + ":" + spec.server().getPort()
                + HttpExchange.PATH);
        return cmd;
    }

    /** A duration as h2load reads it: an integer and a unit ({@code 500ms}). */
    private static String seconds(Duration d) {
        return d.toMillis() + "ms";
    }

    /** Starts {@code spec}'s run. */
    public static Running start(Spec spec) throws IOException {
        String h2load = executable();
        if (h2load == null) {
            throw new IOException(missing());
        }
        Path log = Files.createTempFile("iolab-h2load", ".txt");
        Process p = new ProcessBuilder(command(h2load, spec)).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        return new Running(p, log);
    }

    /** What an h2load run printed, read. @throws IOException when it printed no result */
    static Result parse(String out) throws IOException {
        Matcher f = FINISHED.matcher(out);
        Matcher r = REQUESTS.matcher(out);
        if (!f.find() || !r.find()) {
            throw new IOException("h2load gave no result: " + out.strip().lines().reduce((a, b) -> b).orElse("(nothing)"));
        }
        double mean = Double.NaN;
        Matcher m = MEAN.matcher(out);
        if (m.find()) {
            double v = Double.parseDouble(m.group(1));
            mean = switch (m.group(2)) {
                case "s" -> v * 1e6;
                case "ms" -> v * 1e3;
                default -> v;
            };
        }
        long not2xx = 0;
        Matcher st = STATUS.matcher(out);
        if (st.find()) {
            not2xx = Long.parseLong(st.group(2)) + Long.parseLong(st.group(3)) + Long.parseLong(st.group(4));
        }
        double seconds = Double.parseDouble(f.group(1)) / (f.group(2).equals("ms") ? 1000 : 1);
        return new Result(seconds, Double.parseDouble(f.group(3)), Long.parseLong(r.group(4)),
                Long.parseLong(r.group(5)), Long.parseLong(r.group(6)), not2xx, mean, out);
    }

    /** The output's first lines that say why requests failed, for a note. */
    public static String why(Result r) {
        return r.output().lines().filter(l -> l.contains("rror") || l.contains("failed") && !l.startsWith("requests:"))
                .limit(2).reduce((a, b) -> a + "; " + b).orElse("");
    }
}
