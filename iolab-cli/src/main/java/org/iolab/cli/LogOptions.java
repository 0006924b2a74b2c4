package org.iolab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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

    /** Held: the JDK keeps loggers weakly, and a collected one would forget its level. */
    private static final Logger IOLAB = Logger.getLogger("org.iolab");

    /**
     * Sends iolab's log records at the chosen level or above to stderr, one line each; the JDK's
     * own loggers stay at info at most (at debug they narrate the JVM's exit).
     */
    void apply() {
        LogLevel chosen = chosen();
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler stderr = new ConsoleHandler();
        stderr.setLevel(Level.ALL);
        stderr.setFormatter(new LineFormat(chosen.jul.intValue() <= Level.FINE.intValue()));
        root.addHandler(stderr);
        root.setLevel(chosen.jul.intValue() < Level.INFO.intValue() ? Level.INFO : chosen.jul);
        IOLAB.setLevel(chosen.jul);
    }

    /** {@code HH:mm:ss.SSS LEVEL message}; a stack trace only at debug and below, else its first line. */
    static final class LineFormat extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        private final boolean traces;

        LineFormat(boolean traces) {
            this.traces = traces;
        }

        @Override
        public String format(LogRecord r) {
            StringBuilder s = new StringBuilder(120).append(LocalTime.now().format(TIME)).append(' ')
                    .append(name(r.getLevel())).append(' ').append(formatMessage(r));
            Throwable t = r.getThrown();
            if (t != null && traces) {
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                s.append(System.lineSeparator()).append(trace.toString().stripTrailing());
            } else if (t != null && !s.toString().contains(t.toString())) {
                s.append(" (").append(t).append("; -v for the stack trace)");
            }
            return s.append(System.lineSeparator()).toString();
        }

        private static String name(Level level) {
            int v = level.intValue();
            return v >= Level.SEVERE.intValue() ? "ERROR" : v >= Level.WARNING.intValue() ? "WARN "
                    : v >= Level.INFO.intValue() ? "INFO " : v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
        }
    }
}
