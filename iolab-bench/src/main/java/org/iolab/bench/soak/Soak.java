package org.iolab.bench.soak;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.iolab.bench.measure.ServerProcess;
import org.iolab.bench.peers.Target;
import org.iolab.server.Engine;
import org.iolab.server.Engines;

/**
 * {@code iolab soak}: a steady mixed load on one engine for minutes, watching for what a short
 * benchmark cannot see: a byte wrong once in a million, a chat line lost when members come and
 * go, memory or descriptors that creep. Two servers of the engine, each in its own process
 * (upper-case echo and the chat room, with a fixed, pre-touched 256 MiB heap), and these clients:
 * <ul>
 *   <li>echo clients sending messages of random sizes, checked byte by byte, reconnecting now
 *       and then, and one slow reader of 1 MiB replies ({@link EchoClient});
 *   <li>chat talkers joining, talking and leaving, and slow listeners that stay
 *       ({@link ChatClient}), each checking every line it hears;
 *   <li>rude clients connecting, sending half a line and resetting ({@link Churner}).
 * </ul>
 * Each server's resident memory and descriptors are sampled every second; {@link SoakReport}
 * judges. An engine that serves one connection at a time gets one echo client and no chat.
 *
 * <p>Thread rule: {@link #run} blocks its caller; the clients run on threads of their own.
 */
public final class Soak {

    /**
     * @param engine the engine under test
     * @param duration how long the load runs
     * @param serveArgs more {@code serve} flags for both servers (an engine's options)
     * @param seed for the clients' random choices
     */
    public record Spec(String engine, Duration duration, List<String> serveArgs, long seed) {
    }

    /** The servers' heap: fixed and touched at start, so resident memory shows only what grows outside it. */
    static final String[] HEAP = {"-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"};
    static final int ECHO_CLIENTS = 8;
    static final int CHAT_TALKERS = 6;
    static final int SLOW_LISTENERS = 2;
    static final int CHURN_PAUSE_MS = 20;

    private volatile boolean running = true;
    private final List<ChatClient> listeners = new ArrayList<>();

    /** Whether a soak can run an engine whose workers are processes (its chat room needs redis-server). */
    public static boolean redisInstalled() {
        return SoakRedis.installed();
    }

    /** Runs the soak, printing progress every 10 s to {@code progress}; returns the report. */
    public SoakReport run(Spec spec, PrintWriter progress) throws IOException, InterruptedException {
        Engine engine = Engines.find(spec.engine()).orElseThrow(
                () -> new IllegalArgumentException("unknown engine '" + spec.engine() + "'"));
        boolean concurrent = engine.concurrent();
        Target base = Target.of(spec.engine()).withJvm(HEAP).with(spec.serveArgs().toArray(String[]::new));
        if (spec.engine().equals("pool") && !spec.serveArgs().contains("--pool-size")) {
            base = base.with("--pool-size", "32"); // the soak holds about 20 connections per server
        }
        if (!engine.inProcess() && !spec.serveArgs().contains("--worker-engine")) {
            base = base.with("--worker-engine", "epoll"); // blocking workers would serve 4 of its 20 connections at a time
        }
        Map<String, ServerProcess> servers = new LinkedHashMap<>();
        Map<String, List<ServerSample>> samples = new LinkedHashMap<>();
        Map<String, Integer> after = new LinkedHashMap<>();
        SoakCounters counters = new SoakCounters();
        SoakRedis redis = null;
        try {
            servers.put("upper", ServerProcess.start(base, 0, false));
            if (concurrent) {
                Target chat = base.serving("chat");
                if (!engine.inProcess()) { // the workers hold one room only over a bus
                    redis = SoakRedis.start();
                    chat = chat.with("--bus", redis.uri());
                }
                servers.put("chat", ServerProcess.start(chat, 0, false));
            }
            Map<String, Integer> before = new LinkedHashMap<>();
            for (Map.Entry<String, ServerProcess> s : servers.entrySet()) {
                samples.put(s.getKey(), new ArrayList<>());
                before.put(s.getKey(), ServerSample.tcpSockets(s.getValue().pid())); // no client yet
            }
            List<Thread> clients = startClients(spec, servers, counters, concurrent);
            long start = System.nanoTime();
            long end = start + spec.duration().toNanos();
            int heapAt = ServerSample.LIVE_HEAP_EVERY - 1;
            int shown = 0;
            while (System.nanoTime() < end) {
                // seconds by the clock: reading a processes engine's workers' heaps takes more than one
                int second = (int) ((System.nanoTime() - start) / 1_000_000_000L);
                boolean heap = second >= heapAt;
                if (heap) {
                    heapAt = second + ServerSample.LIVE_HEAP_EVERY;
                }
                for (Map.Entry<String, ServerProcess> s : servers.entrySet()) {
                    samples.get(s.getKey()).add(ServerSample.read(s.getValue().pid(), second, heap));
                }
                if (second / 10 > shown) {
                    shown = second / 10;
                    progress(progress, second, counters, samples);
                }
                long next = start + (second + 1) * 1_000_000_000L;
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            }
            running = false;
            listeners.forEach(ChatClient::hangUp);
            for (Thread t : clients) {
                t.join(60_000);
            }
            for (Map.Entry<String, ServerProcess> s : servers.entrySet()) {
                after.put(s.getKey(), descriptorsSettled(s.getValue().pid(), before.get(s.getKey())));
            }
            return new SoakReport(spec.engine(), spec.duration().toMillis() / 60_000.0, counters, samples, before, after);
        } finally {
            running = false;
            servers.values().forEach(ServerProcess::close);
            if (redis != null) {
                redis.close();
            }
        }
    }

    private List<Thread> startClients(Spec spec, Map<String, ServerProcess> servers, SoakCounters counters,
                                      boolean concurrent) {
        BooleanSupplier on = () -> running;
        InetSocketAddress upper = address(servers.get("upper"));
        List<Runnable> work = new ArrayList<>();
        long seed = spec.seed();
        for (int i = 0; i < (concurrent ? ECHO_CLIENTS : 1); i++) {
            work.add(EchoClient.normal(upper, counters, on, seed++));
        }
        List<InetSocketAddress> all = new ArrayList<>(List.of(upper));
        if (concurrent) {
            work.add(EchoClient.slow(upper, counters, on, seed++));
            InetSocketAddress chat = address(servers.get("chat"));
            all.add(chat);
            for (int i = 0; i < CHAT_TALKERS; i++) {
                work.add(new ChatClient(chat, counters, on, seed++, "talker" + i, false));
            }
            for (int i = 0; i < SLOW_LISTENERS; i++) {
                ChatClient listener = new ChatClient(chat, counters, on, seed++, "listener" + i, true);
                listeners.add(listener);
                work.add(listener);
            }
        }
        work.add(new Churner(all, counters, on, seed, CHURN_PAUSE_MS));
        List<Thread> threads = new ArrayList<>();
        for (Runnable r : work) {
            threads.add(Thread.ofPlatform().name("soak-client").daemon(true).start(r));
        }
        return threads;
    }

    private static InetSocketAddress address(ServerProcess p) {
        return new InetSocketAddress("127.0.0.1", p.port());
    }

    /** The TCP sockets once they stop falling toward {@code start} (at most 10 s of waiting). */
    private static int descriptorsSettled(long pid, int start) throws IOException, InterruptedException {
        int now = ServerSample.tcpSockets(pid);
        for (int i = 0; i < 50 && now > start + SoakReport.DESCRIPTOR_SLACK; i++) {
            Thread.sleep(200);
            now = ServerSample.tcpSockets(pid);
        }
        return now;
    }

    private static void progress(PrintWriter out, int second, SoakCounters c, Map<String, List<ServerSample>> samples) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%3d:%02d echo %,d chat %,d/%,d rude %,d problems %d",
                second / 60, second % 60, c.echoMessages(), c.chatLinesSent(), c.chatLinesReceived(), c.churned(), c.problems()));
        samples.forEach((app, s) -> line.append(String.format(Locale.ROOT, " | %s %.0f MiB %d fds", app,
                s.getLast().rssMiB(), s.getLast().descriptors())));
        out.println(line);
        out.flush();
    }
}
