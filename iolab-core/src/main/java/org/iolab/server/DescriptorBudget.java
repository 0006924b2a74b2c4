package org.iolab.server;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.Consumer;

/**
 * The connection limit never exceeds what the process's descriptor limit ({@code ulimit -n})
 * allows: each connection holds a descriptor, and a server that accepts until it has none left
 * can no longer even log. The limit is lowered to the descriptor limit, minus what is in use at
 * start, minus {@link #RESERVE} for the JVM (jars and files it opens later), the engine (its
 * listener, selectors or rings) and the reserve descriptor; a notice says so.
 *
 * <p>Thread rule: stateless.
 */
final class DescriptorBudget {

    /** Descriptors kept free beyond those in use at start. */
    static final int RESERVE = 32;

    private DescriptorBudget() {
    }

    /** {@code config}, with its connection limit lowered if the descriptor limit requires it. */
    static ServerConfig cap(ServerConfig config, Consumer<String> notice) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof UnixOperatingSystemMXBean unix)) {
            return config; // not a Unix: no limit to read
        }
        return cap(config, unix.getMaxFileDescriptorCount(), unix.getOpenFileDescriptorCount(), notice);
    }

    /** The rule itself, for a given limit and use. */
    static ServerConfig cap(ServerConfig config, long limit, long inUse, Consumer<String> notice) {
        long room = limit - inUse - RESERVE;
        if (config.maxConnections() <= room) {
            return config;
        }
        int max = (int) Math.max(1, room);
        notice.accept("max connections lowered from " + config.maxConnections() + " to " + max
                + ": the descriptor limit (ulimit -n) is " + limit + ", " + inUse + " are in use and " + RESERVE
                + " are kept in reserve");
        return config.toBuilder().maxConnections(max).build();
    }
}
