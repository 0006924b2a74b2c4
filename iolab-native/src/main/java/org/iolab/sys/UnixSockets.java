package org.iolab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Unix-domain stream sockets and passing a descriptor over one ({@code SCM_RIGHTS}): the way a
 * process hands another an open socket, as a supervisor hands its workers the listening socket.
 * The JDK's Unix-domain channels cannot carry descriptors, so these are libc's calls.
 *
 * <pre>{@code
 * struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; };     // 110 bytes
 * struct cmsghdr {                                                        // 16 bytes, then the data
 *     size_t cmsg_len;      // CMSG_LEN(sizeof(int)) = 20 for one descriptor
 *     int    cmsg_level;    // SOL_SOCKET
 *     int    cmsg_type;     // SCM_RIGHTS
 *     // int fd;            // the descriptor; CMSG_SPACE(sizeof(int)) = 24 with the padding
 * };
 * }</pre>
 * The {@code struct msghdr} that carries both is {@link MsgHdr#MSGHDR}.
 *
 * <p>Wrappers return the result or {@code -errno} (see {@link Libc}); the sockets are blocking
 * and close-on-exec, and a received descriptor is close-on-exec ({@code MSG_CMSG_CLOEXEC}).
 *
 * <p>Thread rule: stateless; each caller passes its own arena and call-state segment.
 */
public final class UnixSockets {

    public static final int AF_UNIX = 1;
    public static final int SCM_RIGHTS = 1;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final long CMSG_LEN_ONE_FD = 20;
    private static final long CMSG_SPACE_ONE_FD = 24;

    /** {@code struct sockaddr_un}. */
    public static final StructLayout SOCKADDR_UN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sun_family"), MemoryLayout.sequenceLayout(108, JAVA_BYTE).withName("sun_path"));
    /** {@code struct cmsghdr} (the header; one {@code int} descriptor follows it). */
    public static final StructLayout CMSGHDR = MemoryLayout.structLayout(
            JAVA_LONG.withName("cmsg_len"), JAVA_INT.withName("cmsg_level"), JAVA_INT.withName("cmsg_type"));

    private static final MethodHandle BIND = Libc.downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CONNECT = Libc.downcall("connect",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDMSG = Libc.downcall("sendmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = Libc.downcall("recvmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));

    private UnixSockets() {
    }

    /** A descriptor received with the bytes it came with ({@code fd} is -1 when none came; no bytes: end of stream). */
    public record Received(byte[] data, int fd) {
    }

    /** A blocking Unix stream socket bound to {@code path} and listening. */
    public static int listen(Arena arena, MemorySegment st, Path path) throws SyscallException {
        int fd = (int) Libc.check("socket(AF_UNIX)", Sockets.socket(st, AF_UNIX, Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC, 0));
        try {
            Libc.check("bind(" + path + ")", call(BIND, st, fd, address(arena, path)));
            Libc.check("listen", Sockets.listen(st, fd, 64));
            return fd;
        } catch (SyscallException | RuntimeException e) {
            Sockets.close(st, fd);
            throw e;
        }
    }

    /** A blocking Unix stream socket connected to {@code path}. */
    public static int connect(Arena arena, MemorySegment st, Path path) throws SyscallException {
        int fd = (int) Libc.check("socket(AF_UNIX)", Sockets.socket(st, AF_UNIX, Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC, 0));
        try {
            Libc.check("connect(" + path + ")", call(CONNECT, st, fd, address(arena, path)));
            return fd;
        } catch (SyscallException | RuntimeException e) {
            Sockets.close(st, fd);
            throw e;
        }
    }

    /** Accepts one connection on a listening Unix socket (blocks). */
    public static int accept(MemorySegment st, int fd) {
        return Sockets.accept4(st, fd, Sockets.SOCK_CLOEXEC);
    }

    /**
     * Sends {@code data} (at least one byte: a descriptor rides on data) with {@code passed}
     * attached, or none when {@code passed} is negative. Returns the bytes sent or {@code -errno}.
     */
    public static long send(Arena arena, MemorySegment st, int sock, byte[] data, int passed) {
        if (data.length == 0) {
            throw new IllegalArgumentException("a descriptor rides on at least one byte");
        }
        MemorySegment buf = arena.allocateFrom(JAVA_BYTE, data);
        MemorySegment msg = arena.allocate(MsgHdr.MSGHDR);
        MemorySegment iov = arena.allocate(MsgHdr.IOVEC);
        iov.set(ADDRESS, 0, buf);
        iov.set(JAVA_LONG, 8, data.length);
        msg.set(ADDRESS, 16, iov);
        msg.set(JAVA_LONG, 24, 1L);
        if (passed >= 0) {
            MemorySegment control = arena.allocate(CMSG_SPACE_ONE_FD, 8);
            control.set(JAVA_LONG, 0, CMSG_LEN_ONE_FD);
            control.set(JAVA_INT, 8, Sockets.SOL_SOCKET);
            control.set(JAVA_INT, 12, SCM_RIGHTS);
            control.set(JAVA_INT, CMSGHDR.byteSize(), passed);
            msg.set(ADDRESS, 32, control);
            msg.set(JAVA_LONG, 40, CMSG_SPACE_ONE_FD);
        }
        try {
            return Libc.result((long) SENDMSG.invokeExact(st, sock, msg, Sockets.MSG_NOSIGNAL), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }

    /** Receives up to {@code max} bytes and the descriptor that came with them, if any (blocks). */
    public static Received receive(Arena arena, MemorySegment st, int sock, int max) throws SyscallException {
        MemorySegment buf = arena.allocate(max);
        MemorySegment msg = arena.allocate(MsgHdr.MSGHDR);
        MemorySegment iov = arena.allocate(MsgHdr.IOVEC);
        MemorySegment control = arena.allocate(CMSG_SPACE_ONE_FD, 8);
        iov.set(ADDRESS, 0, buf);
        iov.set(JAVA_LONG, 8, max);
        msg.set(ADDRESS, 16, iov);
        msg.set(JAVA_LONG, 24, 1L);
        msg.set(ADDRESS, 32, control);
        msg.set(JAVA_LONG, 40, CMSG_SPACE_ONE_FD);
        long n;
        try {
            n = Libc.result((long) RECVMSG.invokeExact(st, sock, msg, MSG_CMSG_CLOEXEC), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
        Libc.check("recvmsg", n);
        int fd = -1;
        long controlLength = msg.get(JAVA_LONG, 40);
        if (controlLength >= CMSG_LEN_ONE_FD && control.get(JAVA_INT, 8) == Sockets.SOL_SOCKET
                && control.get(JAVA_INT, 12) == SCM_RIGHTS) {
            fd = control.get(JAVA_INT, CMSGHDR.byteSize());
        }
        return new Received(buf.asSlice(0, n).toArray(JAVA_BYTE), fd);
    }

    private static MemorySegment address(Arena arena, Path path) {
        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
        if (p.length >= 108) {
            throw new IllegalArgumentException("a Unix socket path is at most 107 bytes: " + path);
        }
        MemorySegment sa = arena.allocate(SOCKADDR_UN);
        sa.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(p, 0, sa, JAVA_BYTE, 2, p.length);
        return sa;
    }

    private static long call(MethodHandle h, MemorySegment st, int fd, MemorySegment sa) {
        try {
            return Libc.result((int) h.invokeExact(st, fd, sa, (int) SOCKADDR_UN.byteSize()), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }
}
