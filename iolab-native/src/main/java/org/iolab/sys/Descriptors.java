package org.iolab.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Renumbering a descriptor: {@code int dup2(int oldfd, int newfd)}, which closes {@code newfd}
 * and makes it a copy of {@code oldfd} (the copy is not close-on-exec). A worker uses it to put
 * the listening socket it received on descriptor 0, where the JDK's
 * {@link System#inheritedChannel} looks for it.
 *
 * <p>Thread rule: stateless; each caller passes its own call-state segment.
 */
public final class Descriptors {

    private static final MethodHandle DUP2 = Libc.downcall("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private Descriptors() {
    }

    /** {@code newfd}, now a copy of {@code oldfd}, or {@code -errno}. */
    public static int dup2(MemorySegment st, int oldfd, int newfd) {
        try {
            return Libc.result((int) DUP2.invokeExact(st, oldfd, newfd), st);
        } catch (Throwable t) {
            throw Libc.fail(t);
        }
    }
}
