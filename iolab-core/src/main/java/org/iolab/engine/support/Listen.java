package org.iolab.engine.support;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Listening-socket facts shared by engines: the backlog to ask for and the address to bind.
 */
public final class Listen {

    /** The backlog when somaxconn cannot be read, as Netty does. */
    public static final int FALLBACK_BACKLOG = 4096;

    private Listen() {
    }

    /**
     * The configured backlog, or the kernel's {@code /proc/sys/net/core/somaxconn}: the JDK's
     * default of 50 drops SYNs when a thousand clients connect at once.
     */
    public static int backlog(int configured) {
        if (configured > 0) {
            return configured;
        }
        try {
            return Integer.parseInt(ProcFiles.read("/proc/sys/net/core/somaxconn").trim());
        } catch (IOException | RuntimeException e) {
            return FALLBACK_BACKLOG;
        }
    }

    public static InetSocketAddress address(String host, int port) {
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "'");
        }
        return a;
    }
}
