package org.iolab.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * The way into libc: downcall handles that capture {@code errno}, and the probe that says
 * whether this platform has the calls iolab's native engines use (Linux on x86-64 or aarch64).
 *
 * <p>Every wrapper in this package follows one convention: it returns the call's result when it
 * is non-negative and {@code -errno} when it failed, so hot paths test a number instead of
 * catching exceptions; setup paths turn failures into {@link SyscallException} with
 * {@link #check}. Each wrapper takes a <em>call state</em> segment ({@link #newCallState}) to
 * capture errno into; a thread must use its own.
 *
 * <p>Thread rule: the handles are immutable and shareable; call-state segments are not.
 */
public final class Libc {

    private static final Linker LINKER;
    private static final SymbolLookup LOOKUP;
    private static final StructLayout CAPTURE;
    private static final VarHandle ERRNO;
    private static final Linker.Option CAPTURE_ERRNO;
    private static final String UNAVAILABLE;

    static {
        Linker linker = null;
        SymbolLookup lookup = null;
        StructLayout capture = null;
        VarHandle errno = null;
        Linker.Option option = null;
        String why = probe(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (why == null) {
            try {
                linker = Linker.nativeLinker();
                lookup = linker.defaultLookup();
                capture = Linker.Option.captureStateLayout();
                errno = capture.varHandle(MemoryLayout.PathElement.groupElement("errno"));
                option = Linker.Option.captureCallState("errno");
                why = missingSymbol(lookup);
            } catch (RuntimeException | LinkageError e) {
                why = "no native linker here: " + e;
            }
        }
        LINKER = linker;
        LOOKUP = lookup;
        CAPTURE = capture;
        ERRNO = errno;
        CAPTURE_ERRNO = option;
        UNAVAILABLE = why;
    }

    private Libc() {
    }

    /** {@code null} when the native engines can run here, else the reason they cannot. */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    /** {@code null} for Linux on x86-64 or aarch64, else why not. */
    static String probe(String osName, String arch) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return "needs Linux (this is " + osName + ")";
        }
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
            return "needs x86-64 or aarch64 (this is " + arch + ")";
        }
        return null;
    }

    private static String missingSymbol(SymbolLookup lookup) {
        for (String name : new String[] {"socket", "accept4", "epoll_create1", "poll", "select", "eventfd", "syscall", "mmap"}) {
            if (lookup.find(name).isEmpty()) {
                return "libc has no " + name;
            }
        }
        return null;
    }

    /** Whether the C type {@code struct epoll_event} is packed (x86-64) or padded (aarch64). */
    static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** A downcall handle for {@code name} that captures errno (first argument: call state). */
    static MethodHandle downcall(String name, FunctionDescriptor fd) {
        if (UNAVAILABLE != null) {
            return null; // never called: the engines are unavailable
        }
        return LOOKUP.find(name)
                .map(addr -> LINKER.downcallHandle(addr, fd, CAPTURE_ERRNO))
                .orElse(null);
    }

    /**
     * A downcall handle for the variadic {@code long syscall(long number, ...)} with these
     * argument layouts after the number (first argument: call state), for system calls libc
     * does not wrap, such as io_uring's.
     */
    static MethodHandle syscall(MemoryLayout... args) {
        if (UNAVAILABLE != null) {
            return null;
        }
        MemoryLayout[] all = new MemoryLayout[args.length + 1];
        all[0] = java.lang.foreign.ValueLayout.JAVA_LONG;
        System.arraycopy(args, 0, all, 1, args.length);
        return LOOKUP.find("syscall")
                .map(addr -> LINKER.downcallHandle(addr,
                        FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_LONG, all),
                        CAPTURE_ERRNO, Linker.Option.firstVariadicArg(1)))
                .orElse(null);
    }

    /** A fresh segment to capture errno into, owned by {@code arena}. */
    public static MemorySegment newCallState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    /** The errno captured by the last call made with {@code state}. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** {@code result}, or {@code -errno} when the call returned -1. */
    static int result(int result, MemorySegment state) {
        return result >= 0 ? result : -errno(state);
    }

    /** {@code result}, or {@code -errno} when the call returned -1. */
    static long result(long result, MemorySegment state) {
        return result >= 0 ? result : -errno(state);
    }

    /** Turns a negative wrapper result into an exception naming the call; returns it otherwise. */
    public static long check(String call, long result) throws SyscallException {
        if (result < 0) {
            throw new SyscallException(call, (int) -result);
        }
        return result;
    }

    /** Rethrows what a downcall may throw: nothing but errors, by construction. */
    static RuntimeException fail(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }
}
