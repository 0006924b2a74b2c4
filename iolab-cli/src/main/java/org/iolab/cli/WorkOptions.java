package org.iolab.cli;

import org.iolab.server.ServerConfig;
import org.iolab.server.Workers;
import picocli.CommandLine.Option;

/**
 * The flags of work taken off the loop: the worker pool that {@code Transport.executeBlocking}
 * and HTTP routes declared blocking run on ({@code --work-...}: {@code --workers} is the
 * processes engine's count of worker processes), and the blocked-loop warning. A mixin of
 * {@code serve}.
 *
 * <p>Thread rule: one command line at a time.
 */
final class WorkOptions {

    @Option(names = "--work-threads", defaultValue = "256", paramLabel = "N", converter = Counts.AtLeastOne.class,
            description = "blocking work (Transport.executeBlocking, HTTP routes declared blocking) runs on at most N "
                    + "virtual threads at once; default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--work-queue", defaultValue = "4096", paramLabel = "N",
            description = "work waiting for a worker, at most; past it work is refused (a blocking HTTP route "
                    + "answers 503); default: ${DEFAULT-VALUE}")
    int queue;

    @Option(names = "--work-per-connection", defaultValue = "16", paramLabel = "N", converter = Counts.AtLeastOne.class,
            description = "a connection with more than N works unfinished is not read until it is back under; "
                    + "default: ${DEFAULT-VALUE}")
    int perConnection;

    @Option(names = "--blocked-loop-warning", defaultValue = "2", paramLabel = "SECONDS",
            description = "an event loop's turn that runs longer than this is counted (blockedLoops) and logged once, "
                    + "with the loop's stack and the handler it is in (0: never); default: ${DEFAULT-VALUE}, as Vert.x's")
    double blockedLoopWarning;

    /** Sets the pool and the warning on {@code b}. */
    void applyTo(ServerConfig.Builder b) {
        if (queue < 0) {
            throw new IllegalArgumentException("--work-queue must be zero or more, got " + queue);
        }
        b.workers(Workers.DEFAULT.withMaxRunning(workers).withMaxWaiting(queue).withPerConnection(perConnection))
                .blockedLoopWarning(ServeCommand.seconds("--blocked-loop-warning", blockedLoopWarning));
    }
}
