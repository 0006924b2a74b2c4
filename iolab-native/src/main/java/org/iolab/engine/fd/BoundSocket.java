package org.iolab.engine.fd;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.InetSocketAddress;
import org.iolab.engine.support.Listen;
import org.iolab.server.ServerConfig;
import org.iolab.sys.Errno;
import org.iolab.sys.Libc;
import org.iolab.sys.Sockets;

/**
 * A non-blocking IPv4 socket bound as a server config says (and listening, for TCP), as the
 * native engines make them: {@code socket}, {@code SO_REUSEADDR} (and {@code SO_REUSEPORT} when
 * the config asks), {@code bind}, {@code listen} with the kernel's backlog; or, when the config
 * says so, the listening socket this process inherited on descriptor 0. A port in use is a
 * {@link BindException}, like the JDK's.
 *
 * <p>Thread rule: immutable.
 *
 * @param fd the descriptor (the caller closes it)
 * @param local the address it is bound to (port 0 resolved)
 */
public record BoundSocket(int fd, InetSocketAddress local) {

    public static BoundSocket open(ServerConfig config, boolean udp) throws IOException {
        return open(config, udp, true);
    }

    /**
     * A TCP socket bound with {@code SO_REUSEPORT} but not listening: it holds the port (port 0
     * resolved) for the processes that bind it next, and takes no connections itself.
     */
    public static BoundSocket reserve(ServerConfig config) throws IOException {
        return open(config.toBuilder().reusePort(true).inheritedListener(false).build(), false, false);
    }

    private static BoundSocket open(ServerConfig config, boolean udp, boolean listen) throws IOException {
        InetSocketAddress address = Listen.address(config.host(), config.port());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(arena);
            MemorySegment scratch = arena.allocate(Sockets.SCRATCH_BYTES, 8);
            if (config.inheritedListener() && !udp) { // made non-blocking by whoever opened it (the supervisor)
                return new BoundSocket(0, Sockets.localAddress(st, scratch, 0));
            }
            int type = (udp ? Sockets.SOCK_DGRAM : Sockets.SOCK_STREAM) | Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC;
            int fd = (int) Libc.check("socket", Sockets.socket(st, Sockets.AF_INET, type, 0));
            try {
                Libc.check("setsockopt(SO_REUSEADDR)",
                        Sockets.setIntOption(st, scratch, fd, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1));
                if (config.reusePort()) {
                    Libc.check("setsockopt(SO_REUSEPORT)",
                            Sockets.setIntOption(st, scratch, fd, Sockets.SOL_SOCKET, Sockets.SO_REUSEPORT, 1));
                }
                int r = Sockets.bind(st, fd, Sockets.sockaddr(arena.allocate(Sockets.SOCKADDR_IN), address));
                if (r == -Errno.EADDRINUSE) {
                    throw new BindException("Address already in use (bind " + address + ")");
                }
                Libc.check("bind", r);
                if (!udp && listen) {
                    Libc.check("listen", Sockets.listen(st, fd, Listen.backlog(config.backlog())));
                }
                return new BoundSocket(fd, Sockets.localAddress(st, scratch, fd));
            } catch (IOException | RuntimeException e) {
                Sockets.close(st, fd);
                throw e;
            }
        }
    }

    /** Closes the descriptor. */
    public void close() {
        try (Arena arena = Arena.ofConfined()) {
            Sockets.close(Libc.newCallState(arena), fd);
        }
    }
}
