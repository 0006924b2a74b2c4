package org.iolab.engine.support;

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

/**
 * iolab's one log format, {@code 04:31:02.123 DEBUG connected 127.0.0.1:5555 (1 open)}, on
 * stderr, for the {@code iolab} command and the processes engine's workers alike: iolab's own
 * loggers ({@code org.iolab}) at the level asked for, the JDK's at info at most (at debug they
 * narrate the JVM's exit). A stack trace is shown at debug and below, else its first line.
 *
 * <p>Thread rule: {@link #install} once, before the server starts; the format from any thread.
 */
public final class LogLines {

    /** Held: the JDK keeps loggers weakly, and a collected one would forget its level. */
    private static final Logger IOLAB = Logger.getLogger("org.iolab");

    private LogLines() {
    }

    /** Sends log records to stderr in the one format, iolab's at {@code level} and above. */
    public static void install(Level level) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler stderr = new ConsoleHandler();
        stderr.setLevel(Level.ALL);
        stderr.setFormatter(new LineFormat(level.intValue() <= Level.FINE.intValue()));
        root.addHandler(stderr);
        root.setLevel(level.intValue() < Level.INFO.intValue() ? Level.INFO : level);
        IOLAB.setLevel(level);
    }

    /** The level iolab's loggers log at now (for a worker process to log alike). */
    public static Level level() {
        for (Logger l = IOLAB; l != null; l = l.getParent()) {
            if (l.getLevel() != null) {
                return l.getLevel();
            }
        }
        return Level.INFO;
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
