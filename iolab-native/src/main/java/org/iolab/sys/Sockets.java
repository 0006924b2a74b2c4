package org.iolab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * The BSD socket calls of libc: socket, setsockopt, bind, listen, accept4, recv, send,
 * recvfrom, sendto, shutdown, close, getsockname, getpeername. IPv4 only.
 *
 * <p>Wrappers return the result or {@code -errno} (see {@link Libc}); {@code send} and
 * {@code sendto} always pass {@code MSG_NOSIGNAL}, so a closed peer is {@code -EPIPE}, never a
 * SIGPIPE.
 *
 * <p>Thread rule: stateless; each caller passes its own call-state segment.
 */
public final class Sockets {

    public static final int AF_INET = 2;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_LINGER = 13;
    public static final int SO_REUSEPORT = 15;
    public static final int IPPROTO_TCP = 6;
    public static final int TCP_NODELAY = 1;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int SHUT_WR = 1;

    /**
     * <pre>{@code
     * struct sockaddr_in {
     *     sa_family_t    sin_family;   // AF_INET, host order
     *     in_port_t      sin_port;     // network order
     *     struct in_addr sin_addr;     // network order
     *     unsigned char  sin_zero[8];
     * };                               // 16 bytes
     * }</pre>
     */
    public static final StructLayout SOCKADDR_IN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin_family"),
            JAVA_SHORT.withName("sin_port"),
            JAVA_INT.withName("sin_addr"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("sin_zero"));

    /** <pre>{@code struct linger { int l_onoff; int l_linger; }; }</pre> */
    public static final StructLayout LINGER = MemoryLayout.structLayout(
            JAVA_INT.withName("l_onoff"), JAVA_INT.withName("l_linger"));

    private static final ValueLayout.OfShort NET_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt NET_INT = JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN);

    private static final MethodHandle SOCKET = Libc.downcall("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = Libc.downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle BIND = Libc.downcall("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = Libc.downcall("listen",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle ACCEPT4 = Libc.downcall("accept4",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = Libc.downcall("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    /** {@code send}, its buffer given as an address: a send makes no segment and takes no arena's session for it. */
    private static final MethodHandle SEND_AT = Libc.downcall("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECVFROM = Libc.downcall("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO = Libc.downcall("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SHUTDOWN = Libc.downcall("shutdown",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = Libc.downcall("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = Libc.downcall("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETPEERNAME = Libc.downcall("getpeername",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    private Sockets() {
    }

    public static int socket(MemorySegment st, int domain, int type, int protocol) {
        try {
            return Libc.result((int) SOCKET.invokeExact(st, domain, type, protocol), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /** Bytes of scratch the option and address helpers need from their caller. */
    public static final long SCRATCH_BYTES = 32;

    /** Sets an {@code int} option; {@code scratch} holds the value during the call. */
    public static int setIntOption(MemorySegment st, MemorySegment scratch, int fd, int level, int name, int value) {
        MemorySegment v = scratch;
        v.set(JAVA_INT, 0, value);
        try {
            return Libc.result((int) SETSOCKOPT.invokeExact(st, fd, level, name, v, 4), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /** SO_LINGER with {@code l_onoff=1, l_linger=0}: the next close sends a reset. */
    public static int setLingerZero(MemorySegment st, MemorySegment scratch, int fd) {
        MemorySegment v = scratch;
        v.set(JAVA_INT, 0, 1);
        v.set(JAVA_INT, 4, 0);
        try {
            return Libc.result((int) SETSOCKOPT.invokeExact(st, fd, SOL_SOCKET, SO_LINGER, v, (int) LINGER.byteSize()), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    public static int bind(MemorySegment st, int fd, MemorySegment sockaddr) {
        try {
            return Libc.result((int) BIND.invokeExact(st, fd, sockaddr, (int) SOCKADDR_IN.byteSize()), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    public static int listen(MemorySegment st, int fd, int backlog) {
        try {
            return Libc.result((int) LISTEN.invokeExact(st, fd, backlog), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /** Accepts a connection, non-blocking and close-on-exec; peer address not asked for. */
    public static int accept4(MemorySegment st, int fd) {
        return accept4(st, fd, SOCK_NONBLOCK | SOCK_CLOEXEC);
    }

    /** Accepts a connection with {@code flags} ({@code SOCK_NONBLOCK}, {@code SOCK_CLOEXEC}). */
    public static int accept4(MemorySegment st, int fd, int flags) {
        try {
            return Libc.result((int) ACCEPT4.invokeExact(st, fd, MemorySegment.NULL, MemorySegment.NULL, flags), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    public static long recv(MemorySegment st, int fd, MemorySegment buf, long len) {
        try {
            return Libc.result((long) RECV.invokeExact(st, fd, buf, len, 0), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /**
     * {@code ssize_t send(int sockfd, const void *buf, size_t len, int flags)} of {@code len}
     * bytes at {@code address} (native memory the caller holds alive), with MSG_NOSIGNAL: bytes
     * sent, or -errno.
     */
    public static long sendAt(MemorySegment st, int fd, long address, long len) {
        try {
            return Libc.result((long) SEND_AT.invokeExact(st, fd, address, len, MSG_NOSIGNAL), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /** Receives one datagram; the sender's {@code sockaddr_in} lands in {@code from}. */
    public static long recvfrom(MemorySegment st, int fd, MemorySegment buf, long len,
                                MemorySegment from, MemorySegment fromLen) {
        fromLen.set(JAVA_INT, 0, (int) SOCKADDR_IN.byteSize());
        try {
            return Libc.result((long) RECVFROM.invokeExact(st, fd, buf, len, 0, from, fromLen), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    public static long sendto(MemorySegment st, int fd, MemorySegment buf, long len, MemorySegment to) {
        try {
            return Libc.result((long) SENDTO.invokeExact(st, fd, buf, len, MSG_NOSIGNAL, to,
                    (int) SOCKADDR_IN.byteSize()), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    public static int shutdown(MemorySegment st, int fd, int how) {
        try {
            return Libc.result((int) SHUTDOWN.invokeExact(st, fd, how), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    public static int close(MemorySegment st, int fd) {
        try {
            return Libc.result((int) CLOSE.invokeExact(st, fd), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /** The local address of {@code fd}. */
    public static InetSocketAddress localAddress(MemorySegment st, MemorySegment scratch, int fd) throws SyscallException {
        return name(GETSOCKNAME, "getsockname", st, scratch, fd);
    }

    /** The peer address of {@code fd}. */
    public static InetSocketAddress peerAddress(MemorySegment st, MemorySegment scratch, int fd) throws SyscallException {
        return name(GETPEERNAME, "getpeername", st, scratch, fd);
    }

    private static InetSocketAddress name(MethodHandle h, String call, MemorySegment st, MemorySegment scratch, int fd)
            throws SyscallException {
        MemorySegment addr = scratch.asSlice(0, SOCKADDR_IN.byteSize());
        MemorySegment len = scratch.asSlice(SOCKADDR_IN.byteSize(), 4);
        len.set(JAVA_INT, 0, (int) SOCKADDR_IN.byteSize());
        int r;
        try {
            r = Libc.result((int) h.invokeExact(st, fd, addr, len), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
        Libc.check(call, r);
        return toAddress(addr);
    }

    /** Writes {@code a} (IPv4) as a {@code sockaddr_in} into {@code dst}. */
    public static MemorySegment sockaddr(MemorySegment dst, InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        if (!(ip instanceof Inet4Address)) {
            throw new IllegalArgumentException("the native engines speak IPv4 only; got "
                    + org.iolab.protocol.Addresses.shown(a));
        }
        byte[] b = ip.getAddress();
        dst.fill((byte) 0);
        dst.set(JAVA_SHORT, 0, (short) AF_INET);
        dst.set(NET_SHORT, 2, (short) a.getPort());
        dst.set(NET_INT, 4, ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
        return dst;
    }

    /** Reads a {@code sockaddr_in}. */
    public static InetSocketAddress toAddress(MemorySegment sa) {
        int port = Short.toUnsignedInt(sa.get(NET_SHORT, 2));
        int ip = sa.get(NET_INT, 4);
        byte[] b = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(b), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }
}
