package org.iolab.engine.iouring;

import org.iolab.sys.IoUringSqe;
import org.iolab.sys.SyscallException;
import org.iolab.uring.Ring;

/**
 * What a loop asks of its ring: each kind of request's submission entry, tagged with its
 * {@code user_data} (the kind in the top byte, the descriptor or a slot in the low 32 bits, by
 * which {@link UringDriver#complete} dispatches it) and counted in flight against its descriptor
 * ({@link InFlight}) until its last completion. Entries are only queued here; the loop's next
 * turn submits them all in one {@code io_uring_enter}.
 *
 * <p>Thread rule: the loop thread's, made on it with the ring.
 */
final class UringRequests {

    private static final int KIND_SHIFT = 56;
    static final long RECV = 1L << KIND_SHIFT;
    static final long SEND = 2L << KIND_SHIFT;
    static final long ACCEPT = 3L << KIND_SHIFT;
    static final long CANCEL = 4L << KIND_SHIFT;
    static final long WAKE = 5L << KIND_SHIFT;
    static final long RECVMSG = 6L << KIND_SHIFT;
    static final long SENDMSG = 7L << KIND_SHIFT;
    private static final long LOW = 0xffff_ffffL;

    private final Ring ring;
    private final InFlight inFlight;
    private final short bufferGroup;
    /** Whether one receive request yields every read; false from the first refusal on. */
    boolean multishotRecv;
    /** Whether one accept request yields every connection; false from the first refusal on. */
    boolean multishotAccept;

    UringRequests(Ring ring, InFlight inFlight, short bufferGroup, boolean multishotAccept, boolean multishotRecv) {
        this.ring = ring;
        this.inFlight = inFlight;
        this.bufferGroup = bufferGroup;
        this.multishotAccept = multishotAccept;
        this.multishotRecv = multishotRecv;
    }

    /** The kind of request a completion's {@code userData} answers (1 to 7, as the constants). */
    static int kind(long userData) {
        return (int) (userData >>> KIND_SHIFT);
    }

    /** The descriptor (or slot) of a completion's {@code userData}. */
    static int low(long userData) {
        return (int) (userData & LOW);
    }

    /** A receive on {@code fd} into the buffer group (multishot where the kernel has it). */
    void recv(int fd) {
        IoUringSqe.recvSelect(ring.entries(), next(), fd, bufferGroup, multishotRecv, RECV | fd);
        inFlight.started(fd);
    }

    /** A send of {@code len} bytes at {@code address} on {@code fd}. */
    void send(int fd, long address, int len) {
        IoUringSqe.send(ring.entries(), next(), fd, address, len, SEND | fd);
        inFlight.started(fd);
    }

    /** An accept on the listener {@code fd} (multishot where the kernel has it). */
    void accept(int fd) {
        IoUringSqe.accept(ring.entries(), next(), fd, multishotAccept, ACCEPT | fd);
        inFlight.started(fd);
    }

    /** A recvmsg or sendmsg with the msghdr at {@code msghdr}, counted against {@code fd}. */
    void msg(byte opcode, int fd, long msghdr, long userData) {
        IoUringSqe.msg(ring.entries(), next(), opcode, fd, msghdr, userData);
        inFlight.started(fd);
    }

    /** A read of the wake-up eventfd's 8 bytes into {@code address}. */
    void wake(int fd, long address) {
        IoUringSqe.read(ring.entries(), next(), fd, address, 8, WAKE | fd);
        inFlight.started(fd);
    }

    /** Cancels the request with {@code userData} (a multishot receive no longer wanted). */
    void cancel(long userData, int fd) {
        IoUringSqe.fill(ring.entries(), next(), IoUringSqe.OP_ASYNC_CANCEL, (byte) 0, (short) 0, -1, 0, userData, 0,
                0, CANCEL | fd, (short) 0);
    }

    /** Cancels every request on {@code fd}. */
    void cancelAll(int fd) {
        IoUringSqe.cancelFd(ring.entries(), next(), fd, CANCEL | fd);
    }

    /** The next submission entry's offset; the ring is broken if even a flush fails. */
    private long next() {
        try {
            return ring.nextEntry();
        } catch (SyscallException e) {
            throw new IllegalStateException("io_uring submission failed: " + e.getMessage(), e);
        }
    }
}
