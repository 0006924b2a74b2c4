package org.iolab.sys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_sqe}, the submission queue entry, and the operations iolab submits:
 * receive (multishot into a provided-buffer group, or single-shot), send, accept (multishot),
 * read (of the wake-up eventfd), recvmsg and sendmsg (UDP), and cancel by descriptor.
 *
 * <pre>{@code
 * struct io_uring_sqe {                  // 64 bytes
 *     __u8  opcode;                      //  0  IORING_OP_*
 *     __u8  flags;                       //  1  IOSQE_*
 *     __u16 ioprio;                      //  2  recv/send/accept flags: IORING_RECV_MULTISHOT, IORING_ACCEPT_MULTISHOT
 *     __s32 fd;                          //  4
 *     union { __u64 off; __u64 addr2; }; //  8
 *     union { __u64 addr; ... };         // 16  buffer, msghdr, or user_data to cancel
 *     __u32 len;                         // 24
 *     union { __u32 msg_flags; __u32 accept_flags; __u32 cancel_flags; ... };   // 28
 *     __u64 user_data;                   // 32  handed back in the completion
 *     union { __u16 buf_index; __u16 buf_group; };                               // 40
 *     __u16 personality;                 // 42
 *     union { __s32 splice_fd_in; __u32 file_index; ... };                        // 44
 *     __u64 addr3; __u64 __pad2[1];      // 48
 * };
 * }</pre>
 *
 * <p>Every writer fills all 64 bytes of the entry at offset {@code at} of the entry array, so a
 * reused slot keeps nothing of its last use (and no segment is made per entry).
 *
 * <p>Thread rule: stateless; the entry belongs to the ring's single issuer.
 */
public final class IoUringSqe {

    public static final long BYTES = 64;

    public static final byte OP_NOP = 0;
    public static final byte OP_SENDMSG = 9;
    public static final byte OP_RECVMSG = 10;
    public static final byte OP_ACCEPT = 13;
    public static final byte OP_ASYNC_CANCEL = 14;
    public static final byte OP_READ = 22;
    public static final byte OP_SEND = 26;
    public static final byte OP_RECV = 27;

    /** {@code IOSQE_BUFFER_SELECT}: take the buffer from the group in {@code buf_group}. */
    public static final byte FLAG_BUFFER_SELECT = 1 << 5;

    /** {@code IORING_RECV_MULTISHOT} in ioprio. */
    public static final short RECV_MULTISHOT = 1 << 1;
    /** {@code IORING_ACCEPT_MULTISHOT} in ioprio. */
    public static final short ACCEPT_MULTISHOT = 1;

    /** {@code IORING_ASYNC_CANCEL_ALL | IORING_ASYNC_CANCEL_FD}: every request on the descriptor. */
    public static final int CANCEL_ALL_ON_FD = 1 | (1 << 1);

    /** {@code SOCK_NONBLOCK | SOCK_CLOEXEC} for accepted sockets. */
    public static final int ACCEPT_FLAGS = Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC;

    /** {@code struct io_uring_sqe}. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_BYTE.withName("opcode"), JAVA_BYTE.withName("flags"), JAVA_SHORT.withName("ioprio"),
            JAVA_INT.withName("fd"), JAVA_LONG.withName("off"), JAVA_LONG.withName("addr"), JAVA_INT.withName("len"),
            JAVA_INT.withName("op_flags"), JAVA_LONG.withName("user_data"), JAVA_SHORT.withName("buf_group"),
            JAVA_SHORT.withName("personality"), JAVA_INT.withName("file_index"), JAVA_LONG.withName("addr3"),
            JAVA_LONG.withName("pad2"));

    private IoUringSqe() {
    }

    /** Fills the whole entry at {@code at} in the entry array {@code sqes}. */
    public static void fill(MemorySegment sqes, long at, byte opcode, byte flags, short ioprio, int fd, long off,
                            long addr, int len, int opFlags, long userData, short bufGroup) {
        sqes.set(JAVA_BYTE, at, opcode);
        sqes.set(JAVA_BYTE, at + 1, flags);
        sqes.set(JAVA_SHORT, at + 2, ioprio);
        sqes.set(JAVA_INT, at + 4, fd);
        sqes.set(JAVA_LONG, at + 8, off);
        sqes.set(JAVA_LONG, at + 16, addr);
        sqes.set(JAVA_INT, at + 24, len);
        sqes.set(JAVA_INT, at + 28, opFlags);
        sqes.set(JAVA_LONG, at + 32, userData);
        sqes.set(JAVA_SHORT, at + 40, bufGroup);
        sqes.set(JAVA_SHORT, at + 42, (short) 0);
        sqes.set(JAVA_INT, at + 44, 0);
        sqes.set(JAVA_LONG, at + 48, 0L);
        sqes.set(JAVA_LONG, at + 56, 0L);
    }

    /** A receive into a buffer the kernel picks from {@code group}; multishot keeps posting completions. */
    public static void recvSelect(MemorySegment sqes, long at, int fd, short group, boolean multishot, long userData) {
        fill(sqes, at, OP_RECV, FLAG_BUFFER_SELECT, multishot ? RECV_MULTISHOT : 0, fd, 0, 0, 0, 0, userData, group);
    }

    /** A send of {@code len} bytes at {@code addr}, without SIGPIPE. */
    public static void send(MemorySegment sqes, long at, int fd, long addr, int len, long userData) {
        fill(sqes, at, OP_SEND, (byte) 0, (short) 0, fd, 0, addr, len, Sockets.MSG_NOSIGNAL, userData, (short) 0);
    }

    /** An accept (no peer address asked for) of non-blocking, close-on-exec sockets; multishot keeps accepting. */
    public static void accept(MemorySegment sqes, long at, int fd, boolean multishot, long userData) {
        fill(sqes, at, OP_ACCEPT, (byte) 0, multishot ? ACCEPT_MULTISHOT : 0, fd, 0, 0, 0, ACCEPT_FLAGS, userData, (short) 0);
    }

    /** A read of {@code len} bytes into {@code addr} (offset -1: the descriptor's current position). */
    public static void read(MemorySegment sqes, long at, int fd, long addr, int len, long userData) {
        fill(sqes, at, OP_READ, (byte) 0, (short) 0, fd, -1L, addr, len, 0, userData, (short) 0);
    }

    /** A recvmsg or sendmsg with the {@code struct msghdr} at {@code msghdr}. */
    public static void msg(MemorySegment sqes, long at, byte opcode, int fd, long msghdr, long userData) {
        fill(sqes, at, opcode, (byte) 0, (short) 0, fd, 0, msghdr, 1, opcode == OP_SENDMSG ? Sockets.MSG_NOSIGNAL : 0,
                userData, (short) 0);
    }

    /** Cancels every request on {@code fd} (each completes with -ECANCELED, or has already completed). */
    public static void cancelFd(MemorySegment sqes, long at, int fd, long userData) {
        fill(sqes, at, OP_ASYNC_CANCEL, (byte) 0, (short) 0, fd, 0, 0, 0, CANCEL_ALL_ON_FD, userData, (short) 0);
    }
}
