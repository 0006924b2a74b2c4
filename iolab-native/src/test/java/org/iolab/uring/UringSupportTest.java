package org.iolab.uring;

import static org.assertj.core.api.Assertions.assertThat;

import org.iolab.sys.Errno;
import org.junit.jupiter.api.Test;

/** Where io_uring cannot run, the reason names the cause and what to do. */
class UringSupportTest {

    @Test
    void setupFailuresAreExplained() {
        assertThat(UringSupport.reason(Errno.ENOSYS, "io_uring_setup")).contains("no io_uring").contains("5.1");
        assertThat(UringSupport.reason(Errno.EPERM, "io_uring_setup")).contains("forbidden")
                .contains("kernel.io_uring_disabled").contains("seccomp");
        assertThat(UringSupport.reason(Errno.ENOMEM, "io_uring_setup")).contains("memlock");
        assertThat(UringSupport.reason(Errno.EINVAL, "io_uring_register(PBUF_RING)")).contains("5.19");
        assertThat(UringSupport.reason(13, "io_uring_setup")).contains("EACCES io_uring_setup");
    }

    @Test
    void kernelReleasesAreReadForFeatureGuesses() {
        assertThat(UringSupport.kernelVersion("6.18.44-fc-v669")).containsExactly(6, 18);
        assertThat(UringSupport.kernelVersion("5.15.0")).containsExactly(5, 15);
        assertThat(UringSupport.kernelVersion("weird")).containsExactly(0, 0);
        assertThat(UringSupport.atLeast(new int[] {6, 0}, 5, 19)).isTrue();
        assertThat(UringSupport.atLeast(new int[] {5, 19}, 5, 19)).isTrue();
        assertThat(UringSupport.atLeast(new int[] {5, 18}, 5, 19)).isFalse();
    }

    @Test
    void theProbeHereSaysWhatItFound() {
        UringSupport.Report r = UringSupport.report();
        if (r.available()) {
            assertThat(r.features()).contains("provided buffer ring");
        } else {
            assertThat(r.unavailable()).isNotBlank();
        }
    }
}
