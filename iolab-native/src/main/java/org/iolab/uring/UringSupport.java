package org.iolab.uring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.iolab.sys.Errno;
import org.iolab.sys.IoUring;
import org.iolab.sys.IoUringSqe;
import org.iolab.sys.Libc;
import org.iolab.sys.SyscallException;

/**
 * Whether io_uring can serve here, probed once: a ring is set up (it can fail with ENOSYS on old
 * kernels, EPERM where {@code kernel.io_uring_disabled} or a seccomp filter forbids it, ENOMEM
 * under a low memlock limit), the operations iolab submits are checked with
 * {@code IORING_REGISTER_PROBE}, and a provided-buffer ring is registered (Linux 5.19+). Multishot
 * receive (6.0) and accept (5.19) are taken from the kernel version and confirmed at run time
 * (an engine falls back to single-shot when the kernel says EINVAL). The system property
 * {@code iolab.iouring=off} makes it unavailable, to see how iolab behaves without it.
 *
 * <p>Thread rule: immutable after class initialization.
 */
public final class UringSupport {

    /**
     * What the probe found.
     *
     * @param unavailable why io_uring cannot serve here, or {@code null}
     * @param deferTaskRun completions run only when the loop enters the kernel (Linux 6.1+)
     * @param multishotAccept one accept keeps accepting (Linux 5.19+)
     * @param multishotRecv one receive keeps receiving into provided buffers (Linux 6.0+)
     */
    public record Report(String unavailable, boolean deferTaskRun, boolean multishotAccept, boolean multishotRecv) {

        public boolean available() {
            return unavailable == null;
        }

        /** The features in use, for {@code iolab engines}. */
        public String features() {
            List<String> f = new ArrayList<>(List.of("provided buffer ring"));
            f.add(deferTaskRun ? "SINGLE_ISSUER+DEFER_TASKRUN" : "COOP_TASKRUN");
            f.add(multishotAccept ? "multishot accept" : "single-shot accept");
            f.add(multishotRecv ? "multishot recv" : "single-shot recv");
            return String.join(", ", f);
        }
    }

    private static final byte[] OPS = {IoUringSqe.OP_RECV, IoUringSqe.OP_SEND, IoUringSqe.OP_ACCEPT,
        IoUringSqe.OP_ASYNC_CANCEL, IoUringSqe.OP_READ, IoUringSqe.OP_RECVMSG, IoUringSqe.OP_SENDMSG};
    private static final String[] OP_NAMES = {"RECV", "SEND", "ACCEPT", "ASYNC_CANCEL", "READ", "RECVMSG", "SENDMSG"};
    private static final Report REPORT = probe();

    private UringSupport() {
    }

    public static Report report() {
        return REPORT;
    }

    private static Report probe() {
        if (Libc.unavailableReason() != null) {
            return no(Libc.unavailableReason());
        }
        if ("off".equals(System.getProperty("iolab.iouring"))) {
            return no("turned off (-Diolab.iouring=off)");
        }
        int[] version = kernelVersion(System.getProperty("os.version", ""));
        try (Ring ring = Ring.open(8)) {
            String missing = missingOps(ring);
            if (missing != null) {
                return no("this kernel's io_uring lacks " + missing);
            }
            new BufferGroup(ring, (short) 0, 2, 64).close();
            return new Report(null, ring.deferredTaskRun(), atLeast(version, 5, 19), atLeast(version, 6, 0));
        } catch (SyscallException e) {
            return no(reason(e.errno(), e.call()));
        } catch (RuntimeException | LinkageError e) {
            return no("io_uring probe failed: " + e);
        }
    }

    /** Why io_uring cannot serve, from the errno of {@code call}. */
    static String reason(int errno, String call) {
        if (call.startsWith("io_uring_register(PBUF_RING)")) {
            return "needs provided buffer rings (Linux 5.19 or newer): " + Errno.name(errno);
        }
        return switch (errno) {
            case Errno.ENOSYS -> "the kernel has no io_uring (ENOSYS: Linux 5.1 or newer needed)";
            case Errno.EPERM -> "io_uring is forbidden here (EPERM: kernel.io_uring_disabled, or a seccomp filter)";
            case Errno.ENOMEM -> "cannot set up a ring (ENOMEM: raise the memlock limit, ulimit -l)";
            default -> "io_uring setup failed: " + Errno.name(errno) + " " + call;
        };
    }

    private static String missingOps(Ring ring) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment probe = arena.allocate(IoUring.probeBytes(64), 8);
            if (IoUring.register(ring.callState(), ring.fd(), IoUring.REGISTER_PROBE, probe, 64) < 0) {
                return "IORING_REGISTER_PROBE (Linux 5.6 or newer needed)";
            }
            int opsLen = Byte.toUnsignedInt(probe.get(JAVA_BYTE, 1));
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < OPS.length; i++) {
                int op = OPS[i];
                boolean supported = op < opsLen
                        && (probe.get(JAVA_SHORT, 16 + 8L * op + 2) & IoUring.OP_SUPPORTED) != 0;
                if (!supported) {
                    missing.add("IORING_OP_" + OP_NAMES[i]);
                }
            }
            return missing.isEmpty() ? null : String.join(", ", missing);
        }
    }

    private static Report no(String why) {
        return new Report(why, false, false, false);
    }

    /** {@code [major, minor]} of a release such as {@code 6.18.44-fc}; {@code [0, 0]} when unreadable. */
    static int[] kernelVersion(String release) {
        String[] parts = release.split("[.-]");
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (RuntimeException e) {
            return new int[] {0, 0};
        }
    }

    static boolean atLeast(int[] version, int major, int minor) {
        return version[0] > major || (version[0] == major && version[1] >= minor);
    }
}
