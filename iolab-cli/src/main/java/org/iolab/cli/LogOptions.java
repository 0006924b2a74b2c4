package org.iolab.cli;

import java.util.logging.Level;
import org.iolab.engine.support.LogLines;
import picocli.CommandLine.Option;

/**
 * {@code -v}, {@code -q} and {@code --log-level}: what the server logs to stderr, in one format,
 * {@code 04:31:02.123 DEBUG connected 127.0.0.1:5555 (1 open)}. The default shows warnings and
 * errors and what the server says about itself; {@code -v} adds each connect, disconnect,
 * refusal and timeout (rate-limited, see {@code SafeLog}); {@code -q} leaves only errors.
 *
 * <p>Thread rule: {@link #apply} once, on the main thread, before the server starts.
 */
final class LogOptions {

    /** The levels a person can ask for, quietest first. */
    enum LogLevel {
        ERROR(Level.SEVERE), WARN(Level.WARNING), INFO(Level.INFO), DEBUG(Level.FINE), TRACE(Level.FINEST);

        final Level jul;

        LogLevel(Level jul) {
            this.jul = jul;
        }
    }

    @Option(names = {"-v", "--verbose"}, description = "log each connect, disconnect, refusal and timeout "
            + "(--log-level debug)")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "log errors only (--log-level error)")
    boolean quiet;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "${COMPLETION-CANDIDATES} (any case); default: info")
    LogLevel level;

    /** The level asked for; a contradiction is a usage error naming both flags. */
    LogLevel chosen() {
        int given = (verbose ? 1 : 0) + (quiet ? 1 : 0) + (level != null ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("give one of -v, -q and --log-level");
        }
        return level != null ? level : verbose ? LogLevel.DEBUG : quiet ? LogLevel.ERROR : LogLevel.INFO;
    }

    /** Sends iolab's log records at the chosen level or above to stderr, in iolab's one format. */
    void apply() {
        LogLines.install(chosen().jul);
    }
}
