package org.iolab.engine.processes;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.iolab.sys.Errno;
import org.iolab.sys.Libc;
import org.iolab.sys.Sockets;
import org.iolab.sys.SyscallException;
import org.iolab.sys.UnixSockets;

/**
 * The supervisor's line to one worker, and the worker's to its supervisor: a connected Unix
 * stream socket carrying text lines (the first may carry the listening socket, see
 * {@link UnixSockets}). Its end of stream is how a worker learns that its supervisor has died,
 * however it died.
 *
 * <p>Thread rule: {@link #send} from any thread (serialized); {@link #readLine} from one reader
 * thread; {@link #close} from any thread, once the reader is done or to wake it.
 */
final class ControlLink implements Closeable {

    private static final int MAX_LINE = 64 * 1024;

    private final int fd;
    private byte[] pending = new byte[0];
    private volatile boolean closed;

    ControlLink(int fd) {
        this.fd = fd;
    }

    /** Sends one line (no newline in it), with {@code passed} attached when it is not negative. */
    synchronized void send(String line, int passed) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(arena);
            long n = UnixSockets.send(arena, st, fd, bytes, passed);
            if (n < 0) {
                throw new SyscallException("sendmsg", (int) -n);
            }
            int off = (int) n;
            while (off < bytes.length) { // a short write (rare on a Unix socket): the rest, without the descriptor
                byte[] rest = java.util.Arrays.copyOfRange(bytes, off, bytes.length);
                long m = UnixSockets.send(arena, st, fd, rest, -1);
                if (m < 0) {
                    throw new SyscallException("sendmsg", (int) -m);
                }
                off += (int) m;
            }
        }
    }

    void send(String line) throws IOException {
        send(line, -1);
    }

    /** A received line and the descriptor that came with it (-1: none). */
    record Line(String text, int fd) {
    }

    /** The next line, or {@code null} at end of stream (the other process closed or died). */
    Line readLine() throws IOException {
        int fd = -1;
        while (true) {
            int nl = indexOfNewline();
            if (nl >= 0) {
                String line = new String(pending, 0, nl, StandardCharsets.UTF_8); // whole lines: no split character
                pending = java.util.Arrays.copyOfRange(pending, nl + 1, pending.length);
                return new Line(line, fd);
            }
            if (pending.length > MAX_LINE) {
                throw new IOException("control line over " + MAX_LINE + " bytes");
            }
            UnixSockets.Received r;
            try (Arena arena = Arena.ofConfined()) {
                r = UnixSockets.receive(arena, Libc.newCallState(arena), this.fd, 4096);
            } catch (SyscallException e) {
                if (closed || e.errno() == Errno.ECONNRESET) {
                    return null;
                }
                throw e;
            }
            if (r.fd() >= 0) {
                fd = r.fd();
            }
            if (r.data().length == 0) {
                return null;
            }
            byte[] more = java.util.Arrays.copyOf(pending, pending.length + r.data().length);
            System.arraycopy(r.data(), 0, more, pending.length, r.data().length);
            pending = more;
        }
    }

    private int indexOfNewline() {
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Shuts the socket down (waking a blocked reader) and closes it. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(arena);
            Sockets.shutdown(st, fd, 2); // SHUT_RDWR: a reader blocked in recvmsg returns
            Sockets.close(st, fd);
        }
    }
}
