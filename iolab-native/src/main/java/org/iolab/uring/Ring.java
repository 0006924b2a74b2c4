package org.iolab.uring;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import org.iolab.sys.Errno;
import org.iolab.sys.IoUring;
import org.iolab.sys.IoUringCqe;
import org.iolab.sys.IoUringSqe;
import org.iolab.sys.Libc;
import org.iolab.sys.Mmap;
import org.iolab.sys.Sockets;
import org.iolab.sys.SyscallException;

/**
 * One io_uring: the submission and completion rings mapped into this process (one mapping,
 * {@code IORING_FEAT_SINGLE_MMAP}), the submission entries, and the one system call that both
 * submits what is queued and waits for completions.
 *
 * <p><b>Memory ordering.</b> The rings are shared with the kernel, which runs on other CPUs, so
 * their indices are accessed with explicit order (VarHandle access modes on the mapped segment):
 * <ul>
 *   <li>the SQ <em>tail</em> is stored with <b>release</b> after the entries are written, so the
 *       kernel, which loads the tail with acquire, never sees an index before its entry;</li>
 *   <li>the SQ <em>head</em> (moved by the kernel as it consumes entries) is loaded with
 *       <b>acquire</b> before a slot is reused, so the kernel's reads of it come first;</li>
 *   <li>the CQ <em>tail</em> is loaded with <b>acquire</b>, so the entries the kernel wrote
 *       before publishing it are visible;</li>
 *   <li>the CQ <em>head</em> is stored with <b>release</b> after the entries were read, so the
 *       kernel does not overwrite an entry still being read.</li>
 * </ul>
 * Entries themselves are plain memory, ordered by those four accesses.
 *
 * <p><b>Thread rule.</b> Single issuer: the thread that opens the ring is the only one that may
 * use it ({@code IORING_SETUP_SINGLE_ISSUER} makes the kernel enforce it where available), up to
 * and including {@link #close}.
 */
public final class Ring implements AutoCloseable {

    /** The setups tried, best first: deferred task work (6.1+), then cooperative (5.19+), then plain. */
    private static final int[] SETUPS = {
        IoUring.SETUP_SINGLE_ISSUER | IoUring.SETUP_DEFER_TASKRUN | IoUring.SETUP_SUBMIT_ALL,
        IoUring.SETUP_COOP_TASKRUN | IoUring.SETUP_SUBMIT_ALL,
        0,
    };
    private static final VarHandle INT = JAVA_INT.varHandle();

    /** What to do with each completion; the ring calls it with the entry's fields. */
    @FunctionalInterface
    public interface Completions {
        void complete(long userData, int res, int flags);
    }

    private final Arena arena = Arena.ofShared();
    final MemorySegment state = Libc.newCallState(arena);
    private final int fd;
    /** What io_uring_enter is given: the registered ring's index, or the fd when it is not registered. */
    private int enterFd;
    /** {@link IoUring#ENTER_REGISTERED_RING} when the ring is registered, else 0. */
    private int registered;
    private final int setupFlags;
    private final MemorySegment rings;
    private final MemorySegment sqes;
    private final MemorySegment arg;
    private final MemorySegment timespec;
    private final long sqHead;
    private final long sqTail;
    private final long cqHead;
    private final long cqTail;
    private final long cqes;
    private final int sqMask;
    private final int sqEntries;
    private final int cqMask;
    private int tail;
    private int queued;

    private Ring(int fd, int setupFlags, MemorySegment params) throws SyscallException {
        this.fd = fd;
        this.enterFd = fd;
        this.setupFlags = setupFlags;
        int features = params.get(JAVA_INT, IoUring.P_FEATURES);
        if ((features & IoUring.FEAT_SINGLE_MMAP) == 0 || (features & IoUring.FEAT_EXT_ARG) == 0) {
            throw new SyscallException("io_uring_setup (needs IORING_FEAT_SINGLE_MMAP and EXT_ARG, Linux 5.11+)",
                    Errno.EINVAL);
        }
        sqEntries = params.get(JAVA_INT, IoUring.P_SQ_ENTRIES);
        int cqEntries = params.get(JAVA_INT, IoUring.P_CQ_ENTRIES);
        long sq = IoUring.P_SQ_OFF;
        long cq = IoUring.P_CQ_OFF;
        sqHead = params.get(JAVA_INT, sq);
        sqTail = params.get(JAVA_INT, sq + 4);
        long sqArray = params.get(JAVA_INT, sq + 24);
        cqHead = params.get(JAVA_INT, cq);
        cqTail = params.get(JAVA_INT, cq + 4);
        cqes = params.get(JAVA_INT, cq + 20);
        long size = Math.max(sqArray + 4L * sqEntries, cqes + IoUringCqe.BYTES * cqEntries);
        rings = Mmap.map(arena, fd, size, IoUring.OFF_SQ_RING);
        sqes = Mmap.map(arena, fd, IoUringSqe.BYTES * sqEntries, IoUring.OFF_SQES);
        sqMask = rings.get(JAVA_INT, params.get(JAVA_INT, sq + 8));
        cqMask = rings.get(JAVA_INT, params.get(JAVA_INT, cq + 8));
        for (int i = 0; i < sqEntries; i++) {
            rings.set(JAVA_INT, sqArray + 4L * i, i); // slot i always holds entry i
        }
        tail = (int) INT.getAcquire(rings, sqTail);
        arg = arena.allocate(IoUring.GETEVENTS_ARG);
        timespec = arena.allocate(IoUring.TIMESPEC);
    }

    /**
     * Sets up a ring of {@code entries} submission entries (twice as many completion entries) on
     * the calling thread, which becomes its single issuer; the best setup the kernel accepts. With
     * {@code registerFd}, the ring's descriptor is registered with this thread
     * ({@code IORING_REGISTER_RING_FDS}, Linux 5.18+), so each io_uring_enter skips looking the
     * file up; where the kernel refuses, the ring goes on unregistered.
     */
    public static Ring open(int entries, boolean registerFd) throws SyscallException {
        Ring ring = open(entries);
        if (registerFd) {
            ring.registerFd();
        }
        return ring;
    }

    /** {@link #open(int, boolean)} with the descriptor not registered. */
    public static Ring open(int entries) throws SyscallException {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(scratch);
            MemorySegment params = scratch.allocate(IoUring.PARAMS);
            int err = Errno.EINVAL;
            for (int flags : SETUPS) {
                params.fill((byte) 0);
                params.set(JAVA_INT, IoUring.P_FLAGS, flags | IoUring.SETUP_CQSIZE);
                params.set(JAVA_INT, IoUring.P_CQ_ENTRIES, 2 * entries);
                int fd = IoUring.setup(st, entries, params);
                if (fd >= 0) {
                    try {
                        return new Ring(fd, flags, params);
                    } catch (SyscallException | RuntimeException e) {
                        Sockets.close(st, fd);
                        throw e;
                    }
                }
                err = -fd;
                if (err != Errno.EINVAL) {
                    break; // EPERM, ENOMEM, ENOSYS: no other setup will do better
                }
            }
            throw new SyscallException("io_uring_setup", err);
        }
    }

    public int fd() {
        return fd;
    }

    private void registerFd() {
        MemorySegment update = arena.allocate(IoUring.RSRC_UPDATE);
        update.set(JAVA_INT, 0, -1); // any free slot
        update.set(JAVA_LONG, 8, fd);
        if (IoUring.register(state, fd, IoUring.REGISTER_RING_FDS, update, 1) == 1) {
            enterFd = update.get(JAVA_INT, 0);
            registered = IoUring.ENTER_REGISTERED_RING;
        }
    }

    /** Whether io_uring_enter is given this thread's registered index of the ring, not its fd. */
    public boolean fdRegistered() {
        return registered != 0;
    }

    /** Whether completions run only when this thread enters the kernel (IORING_SETUP_DEFER_TASKRUN). */
    public boolean deferredTaskRun() {
        return (setupFlags & IoUring.SETUP_DEFER_TASKRUN) != 0;
    }

    /** The submission entries; write the one at {@link #nextEntry}'s offset. */
    public MemorySegment entries() {
        return sqes;
    }

    /**
     * The offset of the next free submission entry in {@link #entries}: queued for the next
     * {@link #submitAndWait}. When the ring is full, what is queued is submitted first.
     */
    public long nextEntry() throws SyscallException {
        if (tail - (int) INT.getAcquire(rings, sqHead) == sqEntries) {
            submitAndWait(0);
        }
        long at = (long) (tail & sqMask) * IoUringSqe.BYTES;
        tail++;
        queued++;
        return at;
    }

    /** Entries queued and not yet submitted. */
    public int queued() {
        return queued;
    }

    /**
     * One {@code io_uring_enter}: submits everything queued and waits up to
     * {@code timeoutMillis} for a completion (-1: until one comes; 0: do not wait, only reap).
     * A timeout or an interrupted wait is not an error.
     */
    public void submitAndWait(long timeoutMillis) throws SyscallException {
        INT.setRelease(rings, sqTail, tail);
        int flags = IoUring.ENTER_GETEVENTS | registered;
        MemorySegment a = MemorySegment.NULL;
        if (timeoutMillis > 0) {
            timespec.set(JAVA_LONG, 0, timeoutMillis / 1000);
            timespec.set(JAVA_LONG, 8, (timeoutMillis % 1000) * 1_000_000);
            arg.set(JAVA_LONG, 0, 0L);
            arg.set(JAVA_INT, 8, 8); // _NSIG / 8
            arg.set(JAVA_INT, 12, 0);
            arg.set(JAVA_LONG, 16, timespec.address());
            flags |= IoUring.ENTER_EXT_ARG;
            a = arg;
        }
        int r = IoUring.enter(state, enterFd, queued, timeoutMillis == 0 ? 0 : 1, flags, a,
                a == MemorySegment.NULL ? 0 : IoUring.GETEVENTS_ARG.byteSize());
        if (r >= 0) {
            queued = Math.max(0, queued - r);
            return;
        }
        if (-r == Errno.EINTR || -r == Errno.ETIME || -r == Errno.EBUSY || -r == Errno.EAGAIN) {
            return; // woken, timed out, or completions must be reaped first: the caller reaps
        }
        throw new SyscallException("io_uring_enter", -r);
    }

    /** Hands every completion that is ready to {@code handler}, then frees their slots. Returns how many. */
    public int reap(Completions handler) {
        int head = (int) INT.getAcquire(rings, cqHead); // only this thread moves it
        int end = (int) INT.getAcquire(rings, cqTail);
        int n = end - head;
        for (; head != end; head++) {
            long at = cqes + (long) (head & cqMask) * IoUringCqe.BYTES;
            handler.complete(IoUringCqe.userData(rings, at), IoUringCqe.res(rings, at), IoUringCqe.flags(rings, at));
        }
        INT.setRelease(rings, cqHead, end);
        return n;
    }

    /** The errno call state this ring's thread uses (for other calls it makes). */
    public MemorySegment callState() {
        return state;
    }

    /** Unmaps the rings and closes the descriptor; requests still in flight are cancelled by the kernel. */
    @Override
    public void close() {
        if (registered != 0) { // a registered ring holds its file until unregistered or the thread ends
            MemorySegment update = arena.allocate(IoUring.RSRC_UPDATE);
            update.set(JAVA_INT, 0, enterFd);
            IoUring.register(state, fd, IoUring.UNREGISTER_RING_FDS, update, 1);
            registered = 0;
        }
        arena.close();
        try (Arena a = Arena.ofConfined()) {
            Sockets.close(Libc.newCallState(a), fd);
        }
    }
}
