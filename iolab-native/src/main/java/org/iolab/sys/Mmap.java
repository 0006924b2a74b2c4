package org.iolab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code mmap(2)}: a descriptor's memory (io_uring's rings are mapped from its descriptor at fixed
 * offsets) or anonymous memory (receive buffers, backed only where the kernel writes), unmapped
 * when the arena that owns the segment closes.
 *
 * <pre>{@code
 * void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);  // MAP_FAILED: (void *) -1
 * int munmap(void *addr, size_t length);
 * }</pre>
 *
 * <p>Thread rule: stateless.
 */
public final class Mmap {

    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_POPULATE = 0x08000;

    private static final MethodHandle MMAP = Libc.downcall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = Libc.downcall("munmap",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));

    private Mmap() {
    }

    /**
     * Maps {@code length} bytes of {@code fd} at {@code offset}, shared and read-write, as a
     * segment of that size whose mapping {@code arena} removes when it closes.
     */
    public static MemorySegment map(Arena arena, int fd, long length, long offset) throws SyscallException {
        MemorySegment st = Libc.newCallState(arena);
        MemorySegment addr;
        try {
            addr = (MemorySegment) MMAP.invokeExact(st, MemorySegment.NULL, length, PROT_READ | PROT_WRITE,
                    MAP_SHARED | MAP_POPULATE, fd, offset);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
        if (addr.address() == -1L) {
            throw new SyscallException("mmap", Libc.errno(st));
        }
        return addr.reinterpret(length, arena, Mmap::unmap);
    }

    /**
     * Maps {@code length} bytes of private anonymous memory (page-aligned; a page costs nothing
     * until it is first touched, unlike memory an arena allocates, which is zeroed at once),
     * unmapped when {@code arena} closes.
     */
    public static MemorySegment anonymous(Arena arena, long length) throws SyscallException {
        MemorySegment st = Libc.newCallState(arena);
        MemorySegment addr;
        try {
            addr = (MemorySegment) MMAP.invokeExact(st, MemorySegment.NULL, length, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
        if (addr.address() == -1L) {
            throw new SyscallException("mmap(anonymous)", Libc.errno(st));
        }
        return addr.reinterpret(length, arena, Mmap::unmap);
    }

    private static void unmap(MemorySegment mapping) {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) MUNMAP.invokeExact(Libc.newCallState(arena), mapping, mapping.byteSize());
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }
}
