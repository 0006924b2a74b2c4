package org.iolab.engine.processes;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.iolab.engine.fd.BoundSocket;
import org.iolab.engine.support.LogLines;
import org.iolab.engine.support.SafeLog;
import org.iolab.engine.support.ThisJvm;
import org.iolab.server.Engine;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;
import org.iolab.sys.Libc;
import org.iolab.sys.Sockets;
import org.iolab.sys.UnixSockets;

/**
 * The processes engine's running server: it holds the port, starts the worker JVMs and keeps
 * them alive, in the manner of a prefork server's parent (Apache's prefork, gunicorn's arbiter).
 * In the shared mode it opens the listening socket and hands it to every worker over its
 * control socket, so all accept from one queue; with {@code --reuseport} it only holds the port
 * (bound, not listening) and each worker binds its own. A worker that dies is replaced at once,
 * or after a back-off (doubling from 250 ms to 10 s) when it died within 5 s of its start. The
 * control socket lives in a private temporary directory, removed at the end.
 *
 * <p>Thread rule: {@link #stats} and {@link #shutdown} from any thread; the acceptor thread
 * pairs workers with their control connections; process exits are handled on the JDK's
 * process-reaper threads.
 */
final class Supervisor implements Engine.Running {

    private static final System.Logger LOG = System.getLogger(Supervisor.class.getName());
    private static final Duration READY_WAIT = Duration.ofSeconds(60);
    private static final long QUICK_DEATH_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final WorkerSpec spec;
    private final BoundSocket port;
    private final boolean shared;
    private final Path controlDir;
    private final int controlFd;
    private final List<String> jvmOptions;
    private final Map<Integer, WorkerProcess> workers = new ConcurrentHashMap<>();
    private final List<Map<String, Long>> retired = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger serial = new AtomicInteger();
    private volatile boolean stopping;
    private volatile int initialCount = Integer.MAX_VALUE;
    private long backoffMillis;

    private Supervisor(WorkerSpec spec, BoundSocket port, boolean shared, Path controlDir, int controlFd,
                       List<String> jvmOptions) {
        this.spec = spec;
        this.port = port;
        this.shared = shared;
        this.controlDir = controlDir;
        this.controlFd = controlFd;
        this.jvmOptions = jvmOptions;
    }

    /**
     * Binds (or reserves) the port, starts {@code count} workers serving {@code spec} and returns
     * once every one of them serves.
     *
     * @throws IOException when the port cannot be bound or a worker cannot start
     */
    static Supervisor start(WorkerSpec spec, int count, int max, Duration retireIdle, boolean reusePort,
                            List<String> jvmOptions) throws IOException {
        ServerConfig own = spec.config().toBuilder().inheritedListener(false).reusePort(false).build();
        BoundSocket port = reusePort ? BoundSocket.reserve(own) : BoundSocket.open(own, false);
        Path dir = Files.createTempDirectory("iolab-processes-"); // rwx------: only this user reaches the socket
        int controlFd;
        try (Arena arena = Arena.ofConfined()) {
            controlFd = UnixSockets.listen(arena, Libc.newCallState(arena), dir.resolve("control"));
        } catch (IOException | RuntimeException e) {
            port.close();
            Files.deleteIfExists(dir);
            throw e;
        }
        WorkerSpec bound = new WorkerSpec(spec.config().toBuilder().port(port.local().getPort())
                .reusePort(reusePort).inheritedListener(!reusePort).build(), spec.recipe());
        Supervisor s = new Supervisor(bound, port, !reusePort, dir, controlFd, jvmOptions);
        Thread.ofPlatform().daemon(true).name("iolab-supervisor-accept").start(s::acceptWorkers);
        s.initialCount = count;
        List<WorkerProcess> first = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                first.add(s.launch());
            }
            for (WorkerProcess w : first) {
                s.awaitReady(w);
            }
        } catch (IOException | RuntimeException e) {
            s.shutdown(Duration.ZERO);
            throw e;
        }
        if (max > count) {
            new Scaler(s, count, max, retireIdle.toNanos()).start();
        }
        return s;
    }

    /** Whether the server is stopping (no more workers start). */
    boolean stopping() {
        return stopping;
    }

    /** Starts one more worker (the scaler: all are busy). */
    void grow() {
        try {
            if (!stopping) {
                launch();
            }
        } catch (IOException e) {
            SafeLog.warn(LOG, "worker-start", () -> "could not start another worker: " + e);
        }
    }

    /** Stops an idle extra worker gracefully; it is not replaced. */
    void retire(WorkerProcess w) {
        w.retiring = true;
        w.stop(spec.config().shutdownGrace().toMillis());
    }

    /** Starts one worker JVM. */
    private WorkerProcess launch() throws IOException {
        int number = serial.incrementAndGet();
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-D" + Worker.LOG_LEVEL + "=" + LogLines.level().getName()); // log as the supervisor does
        List<String> cmd = new ArrayList<>(ThisJvm.command(false, options));
        cmd.addAll(List.of(Worker.class.getName(), controlDir.resolve("control").toString(), Integer.toString(number)));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        WorkerProcess w = new WorkerProcess(number, p);
        workers.put(number, w);
        p.onExit().thenRun(() -> exited(w));
        SafeLog.Message serves = () -> w + " serves, " + (System.nanoTime() - w.startedNanos) / 1_000_000
                + " ms after it was started";
        if (number <= initialCount) {
            w.ready.thenRun(() -> SafeLog.event(LOG, "worker-ready", serves));
        } else { // a replacement or an extra: a person watching wants to see it appear
            w.ready.thenRun(() -> SafeLog.log(LOG, System.Logger.Level.INFO, "worker-added", serves, null));
        }
        return w;
    }

    private void awaitReady(WorkerProcess w) throws IOException {
        try {
            w.ready.get(READY_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(w + " could not start: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(w + " was not serving after " + READY_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + w + " started");
        }
    }

    /** Pairs each control connection with its worker (by the number in its hello) and sends the spec. */
    private void acceptWorkers() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(arena);
            while (!stopping) {
                int fd = UnixSockets.accept(st, controlFd);
                if (fd < 0) {
                    if (stopping) {
                        return;
                    }
                    SafeLog.warn(LOG, "supervisor-accept", () -> "control accept failed: " + (-fd));
                    org.iolab.engine.support.Threads.sleep(100);
                    continue;
                }
                ControlLink link = new ControlLink(fd);
                try {
                    ControlLink.Line hello = link.readLine();
                    WorkerProcess w = hello == null || !hello.text().startsWith("hello ") ? null
                            : workers.get(Integer.parseInt(hello.text().substring("hello ".length()).strip()));
                    if (w == null) {
                        link.close();
                        continue;
                    }
                    link.send("spec " + spec.encode(), shared ? port.fd() : -1);
                    w.attach(link);
                } catch (IOException | RuntimeException e) {
                    link.close();
                }
            }
        }
    }

    /** A worker ended: kept for its last counters; replaced unless the server is stopping. */
    private void exited(WorkerProcess w) {
        workers.remove(w.number);
        retired.add(w.stats());
        w.ready.completeExceptionally(new IOException("exited with status " + w.process.exitValue()
                + " before it was ready (see its output above)"));
        if (stopping || w.retiring) {
            return;
        }
        long delay;
        synchronized (this) {
            boolean quick = System.nanoTime() - w.startedNanos < QUICK_DEATH_NANOS;
            backoffMillis = quick ? Math.min(Math.max(250, backoffMillis * 2), 10_000) : 0;
            delay = backoffMillis;
        }
        SafeLog.warn(LOG, "worker-exit", () -> w + " exited with status " + w.process.exitValue()
                + "; a replacement starts" + (delay > 0 ? " in " + delay + " ms (it died young)" : " now"));
        Thread.ofPlatform().daemon(true).name("iolab-supervisor-replace").start(() -> {
            try {
                Thread.sleep(delay);
                if (!stopping) {
                    launch();
                }
            } catch (IOException | RuntimeException e) {
                SafeLog.warn(LOG, "worker-start", () -> "could not start a replacement worker: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The workers running now (a view). */
    List<WorkerProcess> workers() {
        return List.copyOf(workers.values());
    }

    @Override
    public InetSocketAddress localAddress() {
        return port.local();
    }

    /** The workers' counters added up (a worker that ended counts with what it last reported). */
    @Override
    public ServerStats stats() {
        List<Map<String, Long>> all = new ArrayList<>(retired);
        for (WorkerProcess w : workers()) {
            all.add(w.stats());
        }
        return ServerStats.sum(all);
    }

    /** Asks every worker to stop within {@code grace}, kills those still running 5 s later, closes the port. */
    @Override
    public void shutdown(Duration grace) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        List<WorkerProcess> running = workers();
        running.forEach(WorkerProcess::stats); // their last counters, kept when they exit
        running.forEach(w -> w.stop(grace.toMillis()));
        long deadline = System.nanoTime() + grace.toNanos() + TimeUnit.SECONDS.toNanos(5);
        for (WorkerProcess w : running) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!w.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    w.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                w.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(arena);
            Sockets.shutdown(st, controlFd, 2); // wakes the acceptor
            Sockets.close(st, controlFd);
        }
        port.close();
        try {
            Files.deleteIfExists(controlDir.resolve("control"));
            Files.deleteIfExists(controlDir);
        } catch (IOException e) {
            SafeLog.warn(LOG, "supervisor-cleanup", () -> "could not remove " + controlDir + ": " + e);
        }
    }
}
