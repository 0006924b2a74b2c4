package org.iolab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct msghdr} and {@code struct iovec}, the arguments of recvmsg and sendmsg (as
 * io_uring operations, for UDP). One data buffer, the peer's {@code sockaddr_in}, no control data.
 *
 * <pre>{@code
 * struct iovec  { void *iov_base; size_t iov_len; };                       // 16 bytes
 * struct msghdr {                                                          // 56 bytes on 64-bit Linux
 *     void *msg_name; socklen_t msg_namelen;                               //  0, 8
 *     struct iovec *msg_iov; size_t msg_iovlen;                            // 16, 24
 *     void *msg_control; size_t msg_controllen;                            // 32, 40
 *     int msg_flags;                                                       // 48
 * };
 * }</pre>
 *
 * <p>Thread rule: stateless.
 */
public final class MsgHdr {

    /** {@code struct iovec}. */
    public static final StructLayout IOVEC = MemoryLayout.structLayout(ADDRESS.withName("iov_base"),
            JAVA_LONG.withName("iov_len"));
    /** {@code struct msghdr}. */
    public static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"), JAVA_INT.withName("msg_namelen"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"), JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"), JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"), MemoryLayout.paddingLayout(4));

    private MsgHdr() {
    }

    /**
     * Points {@code msghdr} at the address buffer {@code name} (a {@code sockaddr_in}) and, through
     * {@code iov}, at {@code len} bytes of {@code data}.
     */
    public static void set(MemorySegment msghdr, MemorySegment iov, MemorySegment name, MemorySegment data, long len) {
        iov.set(ADDRESS, 0, data);
        iov.set(JAVA_LONG, 8, len);
        msghdr.fill((byte) 0);
        msghdr.set(ADDRESS, 0, name);
        msghdr.set(JAVA_INT, 8, (int) Sockets.SOCKADDR_IN.byteSize());
        msghdr.set(ADDRESS, 16, iov);
        msghdr.set(JAVA_LONG, 24, 1L);
    }

    /** The {@code msg_namelen} the kernel left (a received datagram's sender address length). */
    public static int nameLength(MemorySegment msghdr) {
        return msghdr.get(JAVA_INT, 8);
    }
}
