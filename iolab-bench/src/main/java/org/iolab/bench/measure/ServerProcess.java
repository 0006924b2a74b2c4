package org.iolab.bench.measure;

import org.iolab.bench.peers.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server being measured, in a process of its own, started by the lab, ready when it prints its
 * {@code listening on HOST:PORT engine=E ...} line, stopped with SIGTERM (then SIGKILL).
 *
 * <p>Thread rule: one owner thread; {@link #sample} from any thread.
 */
public final class ServerProcess implements ServerUnderTest, AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]*:(\\d+) engine=(\\S+)");

    private final Process process;
    private final int port;
    private final String engine;
    private final OutputTail output = new OutputTail(200);
    /** Ends the server if the lab itself is stopped (Ctrl-C) before it could. */
    private final Thread reaper;

    private ServerProcess(Process process, int port, String engine) {
        this.process = process;
        this.port = port;
        this.engine = engine;
        this.reaper = new Thread(process::destroyForcibly, "iolab-server-reaper");
    }

    /** Starts the target and waits up to 30 s for its listening line. */
    public static ServerProcess start(Target target, int eventLoops, boolean pin) throws IOException {
        Process p = new ProcessBuilder(target.command(eventLoops, pin)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        // the reading blocks: on a thread of its own, never the common pool's (on 2 cores that is one
        // thread, which a caller's own blocking task could hold past the 30 s)
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).name("iolab-server-start").start(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    seen.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        ready.complete(m);
                        return;
                    }
                }
            } catch (IOException e) {
                // the process ended: not started
            }
            ready.complete(null);
        });
        Matcher m;
        try {
            m = ready.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            m = null;
        }
        if (m == null) {
            p.destroyForcibly();
            throw new IOException("server " + target.name() + " did not start: " + String.join(" / ", seen));
        }
        ServerProcess s = new ServerProcess(p, Integer.parseInt(m.group(1)), m.group(2));
        Thread.ofPlatform().daemon(true).start(() -> s.drain(out));
        Runtime.getRuntime().addShutdownHook(s.reaper);
        return s;
    }

    private void drain(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    public int port() {
        return port;
    }

    @Override
    public java.net.InetSocketAddress address() {
        return new java.net.InetSocketAddress("127.0.0.1", port);
    }

    /** The engine the server says really runs. */
    @Override
    public String engine() {
        return engine;
    }

    public long pid() {
        return process.pid();
    }

    /** The server's process and its descendants (the processes engine's workers), alive now. */
    @Override
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>(List.of(process.pid()));
        process.descendants().filter(ProcessHandle::isAlive).forEach(h -> pids.add(h.pid()));
        return pids;
    }

    /**
     * The server's CPU time, threads and resident memory, summed over its process and its
     * descendants (a supervisor is nearly idle while its workers serve); one that ends while it
     * is read is left out.
     */
    @Override
    public ProcStats.Sample sample() throws IOException {
        ProcStats.Sample sum = ProcStats.read(process.pid());
        List<Long> pids = pids();
        for (Long pid : pids.subList(1, pids.size())) {
            try {
                ProcStats.Sample s = ProcStats.read(pid);
                sum = new ProcStats.Sample(sum.cpuNanos() + s.cpuNanos(), sum.threads() + s.threads(),
                        sum.rssBytes() + s.rssBytes());
            } catch (IOException ended) {
                // gone between listing and reading
            }
        }
        return sum;
    }

    @Override
    public long jitCpuNanos() throws IOException {
        long sum = 0;
        for (long pid : pids()) {
            try {
                sum += ProcStats.jitCpuNanos(pid);
            } catch (IOException ended) {
                // a worker gone between listing and reading
            }
        }
        return sum;
    }

    /** A mark for {@link #outputSince}: the lines printed so far. */
    @Override
    public long outputMark() {
        return output.mark();
    }

    /**
     * What the server printed after {@code mark} (warnings, refusals): one run's own notes when
     * runs share a server (quick mode), never an earlier run's.
     */
    @Override
    public List<String> outputSince(long mark) {
        return output.since(mark);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
