package org.iolab.multiplexer;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.iolab.sys.Errno;
import org.iolab.sys.Libc;
import org.iolab.sys.Sockets;

/**
 * A real TCP connection for multiplexer tests: the server side is a raw non-blocking descriptor
 * (what multiplexers watch), the client side a JDK socket the test writes with.
 */
final class Descriptors implements AutoCloseable {

    final Arena arena = Arena.ofShared();
    final MemorySegment st = Libc.newCallState(arena);
    final MemorySegment scratch = arena.allocate(Sockets.SCRATCH_BYTES, 8);
    final MemorySegment buf = arena.allocate(65_536);
    final int listener;
    final int fd;
    final Socket client;

    Descriptors() throws IOException {
        listener = (int) Libc.check("socket", Sockets.socket(st, Sockets.AF_INET,
                Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC, 0));
        MemorySegment sa = Sockets.sockaddr(arena.allocate(Sockets.SOCKADDR_IN), new InetSocketAddress("127.0.0.1", 0));
        Libc.check("bind", Sockets.bind(st, listener, sa));
        Libc.check("listen", Sockets.listen(st, listener, 16));
        int port = Sockets.localAddress(st, scratch, listener).getPort();
        client = new Socket("127.0.0.1", port);
        client.setSoTimeout(10_000);
        fd = (int) Libc.check("accept4", Sockets.accept4(st, listener));
    }

    void clientWrites(int n) throws IOException {
        client.getOutputStream().write(new byte[n]);
        client.getOutputStream().flush();
    }

    /** Reads what is there; returns bytes read, 0 at EAGAIN, -1 at end of stream. */
    long read() throws IOException {
        long n = Sockets.recv(st, fd, buf, buf.byteSize());
        if (n == 0) {
            return -1;
        }
        if (n == -Errno.EAGAIN) {
            return 0;
        }
        return Libc.check("recv", n);
    }

    /** Reads until EAGAIN; returns the bytes read. */
    long drain() throws IOException {
        long total = 0;
        long n;
        while ((n = read()) > 0) {
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        client.close();
        Sockets.close(st, fd);
        Sockets.close(st, listener);
        arena.close();
    }
}
