package org.iolab.engine.fd;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.iolab.protocol.DatagramTransport;
import org.iolab.server.ServerStats;
import org.iolab.sys.Libc;
import org.iolab.sys.Sockets;

/**
 * Sends datagrams with {@code sendto} on a UDP descriptor of a native engine. Thread rule: any
 * thread; each thread copies into native scratch of its own (thread-local).
 */
public final class FdDatagramTransport implements DatagramTransport {

    private static final int MAX_DATAGRAM = 65_535;
    private static final ThreadLocal<MemorySegment[]> SCRATCH = ThreadLocal.withInitial(() -> {
        Arena auto = Arena.ofAuto();
        return new MemorySegment[] {Libc.newCallState(auto), auto.allocate(Sockets.SOCKADDR_IN),
                auto.allocate(MAX_DATAGRAM), auto.allocate(Sockets.SCRATCH_BYTES, 8)};
    });

    private final int fd;
    private final ServerStats stats;

    public FdDatagramTransport(int fd, ServerStats stats) {
        this.fd = fd;
        this.stats = stats;
    }

    @Override
    public void send(ByteBuffer data, InetSocketAddress target) {
        MemorySegment[] s = SCRATCH.get();
        int n = data.remaining();
        if (n > MAX_DATAGRAM) {
            stats.onDatagramDropped();
            data.position(data.limit());
            return;
        }
        MemorySegment.copy(MemorySegment.ofBuffer(data), 0, s[2], 0, n);
        data.position(data.limit());
        if (Sockets.sendto(s[0], fd, s[2], n, Sockets.sockaddr(s[1], target)) < 0) {
            stats.onDatagramDropped();
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        MemorySegment[] s = SCRATCH.get();
        try {
            return Sockets.localAddress(s[0], s[3], fd);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("socket is closed", e);
        }
    }
}
