package org.iolab.engine.processes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.iolab.engine.support.NamedEngine;
import org.iolab.server.Application;
import org.iolab.server.Engine;
import org.iolab.server.EngineOption;
import org.iolab.server.Engines;
import org.iolab.server.ServerConfig;
import org.iolab.sys.Libc;

/**
 * A process per worker, the source documents' ForkingTCPServer done as a JVM can: a JVM cannot
 * fork safely, so a supervisor starts worker JVMs (the same java and class path) and keeps them
 * alive ({@link Supervisor}). Each worker serves the application, made again from its recipe,
 * with an inner engine ({@code --worker-engine}, default {@code blocking}: one client at a time
 * per process, a process per connection as in the source documents). Workers share one
 * listening socket handed to them over a Unix socket ({@code SCM_RIGHTS}), so they accept from
 * one queue; {@code --reuseport} has each bind its own and lets the kernel spread connections
 * by hash instead, which also hands a stalled worker its share.
 *
 * <p>Isolation is the point: a worker that crashes takes only its own connections, and a
 * replacement starts. The cost is a JVM per worker: its memory, its start-up, and no state
 * shared between workers (a chat room needs a bus across processes).
 */
public final class ProcessesEngine extends NamedEngine {

    public ProcessesEngine() {
        super("processes", "a supervisor and worker JVMs (--workers, default 2 x cores) accepting from one shared socket, "
                    + "each running --worker-engine (blocking: a process per connection)", 130);
    }

    static final EngineOption WORKERS = EngineOption.number("workers", "worker processes (0: two per core)",
            0, 0, 4096);
    static final EngineOption WORKER_ENGINE = EngineOption.word("worker-engine",
            "the engine each worker runs", "blocking");
    static final EngineOption REUSEPORT = EngineOption.flag("reuseport",
            "each worker binds its own socket with SO_REUSEPORT instead of sharing one");
    static final EngineOption MAX_WORKERS = EngineOption.number("max-workers",
            "start more workers while all are busy, up to this many (0: never more than --workers)", 0, 0, 4096);
    static final EngineOption RETIRE_IDLE = EngineOption.number("retire-idle",
            "seconds an extra worker may idle before it is retired", 10, 1, 86_400);

    @Override
    public Availability availability() {
        String why = Libc.unavailableReason();
        return why == null ? Availability.yes() : Availability.no(why);
    }

    @Override
    public Set<Application.Kind> supports() {
        return EnumSet.of(Application.Kind.TCP_PROTOCOL, Application.Kind.TCP_STREAM);
    }

    @Override
    public String whyNot(Application.Kind kind) {
        return kind == Application.Kind.UDP ? "a datagram socket has no accept queue to share among processes" : null;
    }

    @Override
    public List<EngineOption> options() {
        return List.of(WORKERS, WORKER_ENGINE, REUSEPORT, MAX_WORKERS, RETIRE_IDLE);
    }

    /** The workers run {@code --worker-engine}, with the options and {@code --threads} given for it. */
    @Override
    public boolean hostsEngine() {
        return true;
    }

    /** The app runs in the workers, made from its recipe. */
    @Override
    public boolean inProcess() {
        return false;
    }

    /** The shared listening socket is the native kind: IPv4. */
    @Override
    public boolean ipv6() {
        return false;
    }

    @Override
    public Running start(ServerConfig config, Application app) throws IOException {
        if (app.recipe() == null) {
            throw new IllegalArgumentException("engine processes makes the app again in each worker from its "
                    + "recipe, and this app has none (give it one with Application.named and an ApplicationProvider)");
        }
        if (config.tls() != null && config.tls().pkcs12Bytes() == null) {
            throw new IllegalArgumentException("engine processes hands its workers the TLS key store, and this TLS "
                    + "config was made from an SSLContext: make it with TlsConfig.fromKeyStore or TlsConfig.pkcs12");
        }
        String inner = WORKER_ENGINE.value(config);
        if (inner.equals(name())) {
            throw new IllegalArgumentException("--worker-engine cannot be processes");
        }
        boolean reusePort = REUSEPORT.isOn(config);
        ServerConfig.Builder worker = config.toBuilder().engine(inner);
        worker.clearOptions();
        config.options().forEach((k, v) -> {
            if (options().stream().noneMatch(o -> o.name().equals(k))) {
                worker.option(k, v);
            }
        });
        ServerConfig workerConfig = worker.inheritedListener(!reusePort).reusePort(reusePort).build();
        Engine engine = Engines.require(workerConfig, app.kind()); // refused here, not in N workers
        if (!reusePort && engine.name().equals("nio2")) {
            throw new IllegalArgumentException("--worker-engine nio2 cannot share an inherited socket (an "
                    + "AsynchronousServerSocketChannel binds its own): add --reuseport");
        }
        int count = WORKERS.intValue(config) > 0 ? WORKERS.intValue(config) : 2 * Runtime.getRuntime().availableProcessors();
        int max = MAX_WORKERS.intValue(config);
        if (max > 0 && max < count) {
            throw new IllegalArgumentException("--max-workers " + max + " is below --workers " + count);
        }
        if (max > count && engine.concurrent()) {
            throw new IllegalArgumentException("--max-workers grows the workers while each is busy with one "
                    + "connection: it needs a worker engine that serves one at a time (blocking), not " + engine.name());
        }
        List<String> jvm = new ArrayList<>();
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xm") || a.startsWith("-Xss") || a.startsWith("-XX:+Use") || a.startsWith("-Diolab.")) {
                jvm.add(a); // heap, stack, collector and iolab's own settings; not agents or debug ports
            }
        }
        return Supervisor.start(new WorkerSpec(workerConfig, app.recipe()), count, max,
                java.time.Duration.ofSeconds(RETIRE_IDLE.intValue(config)), reusePort, jvm);
    }
}
