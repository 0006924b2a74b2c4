package org.iolab.server;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Loads at start what the JDK would otherwise load the first time something goes wrong, when
 * the process may be out of descriptors: the logging configuration, the log formatters, and the
 * time-zone rules they need (read from {@code lib/tzdb.dat} on first use). Once per process.
 *
 * <p>Thread rule: safe from any thread.
 */
final class Warmup {

    private static volatile boolean done;

    private Warmup() {
    }

    /** Does it once; never throws (a warm-up that fails leaves what it could not load to later). */
    static void once() {
        if (done) {
            return;
        }
        synchronized (Warmup.class) {
            if (done) {
                return;
            }
            try {
                ZonedDateTime.now(ZoneId.systemDefault()).getOffset();
                ZoneId.systemDefault().getRules();
                LogManager.getLogManager();
                LogRecord record = new LogRecord(Level.WARNING, "warm-up");
                record.setThrown(new IllegalStateException("warm-up"));
                for (Handler h : Logger.getLogger("").getHandlers()) {
                    Formatter f = h.getFormatter();
                    if (f != null) {
                        f.format(record);
                    }
                }
                System.getLogger(Warmup.class.getName()).isLoggable(System.Logger.Level.DEBUG);
            } catch (Throwable ignored) {
                // loaded later, or never needed
            }
            done = true;
        }
    }
}
