package org.iolab.engine.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import org.iolab.server.ServerConfig;

/**
 * Listening sockets as every engine makes them: the address to bind, the backlog to ask for,
 * and the non-blocking JDK channels the readiness engines listen on.
 *
 * <p>Thread rule: stateless.
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

    /**
     * A non-blocking TCP listener: bound as {@code config} says, with SO_REUSEADDR (and
     * SO_REUSEPORT when asked), or the one this process inherited.
     */
    public static ServerSocketChannel serverChannel(ServerConfig config) throws IOException {
        ServerSocketChannel ch = config.inheritedListener() ? inherited() : ServerSocketChannel.open();
        try {
            if (!config.inheritedListener()) {
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                if (config.reusePort()) {
                    ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                ch.bind(address(config.host(), config.port()), backlog(config.backlog()));
            }
            ch.configureBlocking(false);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * The listening socket on descriptor 0 ({@link System#inheritedChannel}), in blocking mode.
     *
     * @throws IOException when descriptor 0 is not a listening TCP socket
     */
    public static ServerSocketChannel inherited() throws IOException {
        if (System.inheritedChannel() instanceof ServerSocketChannel ch) {
            return ch;
        }
        throw new IOException("no listening socket inherited on descriptor 0 (got " + System.inheritedChannel() + ")");
    }

    /** A non-blocking UDP socket bound as {@code config} says, with SO_REUSEADDR. */
    public static DatagramChannel datagramChannel(ServerConfig config) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(address(config.host(), config.port()));
            ch.configureBlocking(false);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }
}
