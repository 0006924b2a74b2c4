package org.iolab.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.iolab.server.Server;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM on a running server: the first starts a graceful stop and says what it
 * waits for ({@code stopping: flushing 3 connections, up to 15 s; Ctrl-C again to force}); a
 * second forces the stop at once (the kernel resets what is left). The exit status is the
 * first signal's, 128 plus its number (130 for SIGINT, 143 for SIGTERM).
 *
 * <p>Thread rule: {@link #install} once per server; the handlers run on the JVM's signal thread.
 */
final class StopSignals {

    private final Server server;
    private final PrintWriter err;
    private final AtomicInteger first = new AtomicInteger();

    private StopSignals(Server server, PrintWriter err) {
        this.server = server;
        this.err = err;
    }

    /** Handles SIGINT and SIGTERM for {@code server} from now on. */
    static StopSignals install(Server server, PrintWriter err) {
        StopSignals s = new StopSignals(server, err);
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s::received);
        }
        return s;
    }

    /** The exit status the signals call for: 128 plus the first one's number, or 0 when none came. */
    int status() {
        return first.get();
    }

    /** {@code iolab: stopping: flushing 3 connections, up to 15 s}: what a graceful stop waits for. */
    static String stopping(Server server) {
        return "iolab: stopping: flushing " + connections(server) + ", up to "
                + server.config().shutdownGrace().toSeconds() + " s";
    }

    private static String connections(Server server) {
        int open = server.stats().open();
        return open + " connection" + (open == 1 ? "" : "s");
    }

    private void received(Signal signal) {
        if (first.compareAndSet(0, 128 + signal.getNumber())) {
            err.println(stopping(server) + "; "
                    + (signal.getName().equals("INT") ? "Ctrl-C" : "SIG" + signal.getName()) + " again to force");
            err.flush();
            Thread.ofPlatform().name("iolab-stop").start(server::close);
        } else {
            err.println("iolab: forced stop: " + connections(server) + " dropped");
            err.flush();
            Runtime.getRuntime().halt(first.get());
        }
    }
}
