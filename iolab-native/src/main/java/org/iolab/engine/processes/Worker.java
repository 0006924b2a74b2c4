package org.iolab.engine.processes;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import org.iolab.engine.support.LogLines;
import org.iolab.server.Application;
import org.iolab.server.ApplicationProvider;
import org.iolab.server.Server;
import org.iolab.sys.Descriptors;
import org.iolab.sys.Libc;
import org.iolab.sys.Sockets;
import org.iolab.sys.UnixSockets;

/**
 * A worker JVM of the processes engine ({@code main}: the supervisor's control socket and this
 * worker's number). It connects to its supervisor, says hello, receives what to serve and, in
 * the shared mode, the listening socket, which it puts on descriptor 0 for
 * {@link System#inheritedChannel} (the native engines take descriptor 0 directly); it makes the
 * application from its recipe, serves it with its inner engine, and says {@code ready}. Then it
 * answers the supervisor: {@code stats} (its counters), {@code stop MILLIS} (a graceful stop,
 * then exit). End of stream on the control socket means the supervisor is gone, however it
 * died: the worker stops gracefully and exits, so no worker outlives its supervisor.
 *
 * <p>Control lines, worker to supervisor: {@code hello N}, {@code ready PID}, {@code failed
 * REASON}, {@code stats k=v ...}; supervisor to worker: {@code spec QUERY} (with the listening
 * socket attached in the shared mode), {@code stats}, {@code stop MILLIS}.
 *
 * <p>Thread rule: the main thread does everything: start, then the command loop.
 */
public final class Worker {

    /** The system property carrying the supervisor's log level ({@code FINE}, {@code INFO}, ...). */
    static final String LOG_LEVEL = "iolab.worker.log";

    private Worker() {
    }

    public static void main(String[] args) throws IOException {
        // Ctrl-C signals the terminal's whole process group; the supervisor alone decides how
        // its workers stop (a SIGTERM sent to one worker still ends it, and it is replaced)
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        LogLines.install(java.util.logging.Level.parse(System.getProperty(LOG_LEVEL, "INFO")));
        if (args.length != 2) {
            System.err.println("usage: Worker CONTROL_SOCKET WORKER_NUMBER (started by the processes engine)");
            System.exit(2);
        }
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = UnixSockets.connect(arena, Libc.newCallState(arena), Path.of(args[0]));
        }
        try (ControlLink link = new ControlLink(fd)) {
            link.send("hello " + args[1]);
            ControlLink.Line spec = link.readLine();
            if (spec == null || !spec.text().startsWith("spec ")) {
                System.exit(1); // the supervisor went away before telling us anything
            }
            Server server;
            try {
                server = start(WorkerSpec.decode(spec.text().substring("spec ".length())), spec.fd());
            } catch (IOException | RuntimeException e) {
                link.send("failed " + String.valueOf(e.getMessage()).replace('\n', ' '));
                System.exit(1);
                return;
            }
            link.send("ready " + ProcessHandle.current().pid());
            serve(link, server);
        }
        System.exit(0);
    }

    private static Server start(WorkerSpec spec, int listener) throws IOException {
        if (listener >= 0) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment st = Libc.newCallState(arena);
                Libc.check("dup2", Descriptors.dup2(st, listener, 0));
                Sockets.close(st, listener);
            }
        }
        Application app = ApplicationProvider.find(spec.recipe());
        return Server.start(spec.config(), app);
    }

    /** Answers the supervisor until it says stop or goes away; then stops the server. */
    private static void serve(ControlLink link, Server server) throws IOException {
        Duration grace = server.config().shutdownGrace();
        ControlLink.Line line;
        while ((line = link.readLine()) != null) {
            String command = line.text();
            if (command.equals("stats")) {
                link.send("stats " + server.stats());
            } else if (command.startsWith("stop ")) {
                grace = Duration.ofMillis(Long.parseLong(command.substring("stop ".length()).strip()));
                break;
            }
        }
        server.shutdown(grace);
    }
}
