package org.iolab.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class LibcTest {

    @Test
    void onlyLinuxOnX86OrArmQualifies() {
        assertThat(Libc.probe("Linux", "amd64")).isNull();
        assertThat(Libc.probe("Linux", "aarch64")).isNull();
        assertThat(Libc.probe("Mac OS X", "aarch64")).isEqualTo("needs Linux (this is Mac OS X)");
        assertThat(Libc.probe("Linux", "riscv64")).isEqualTo("needs x86-64 or aarch64 (this is riscv64)");
    }

    @Test
    void thisMachineRunsTheNativeEngines() {
        assertThat(Libc.unavailableReason()).isNull();
    }

    @Test
    void failuresNameTheErrnoAndTheCall() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(arena);
            int r = Sockets.close(st, -1);
            assertThat(r).isEqualTo(-Errno.EBADF);
            SyscallException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    SyscallException.class, () -> Libc.check("close", r));
            assertThat(e).hasMessage("EBADF close");
            assertThat(new SyscallException("accept4", Errno.EMFILE)).hasMessage("EMFILE accept4");
        }
    }

    @Test
    void epollEventIsPackedOnX86() {
        assertThat(Epoll.EVENT_BYTES).isEqualTo(Libc.isX86() ? 12 : 16);
    }
}
