package org.iolab.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ListenTest {

    @Test
    void theDefaultBacklogIsTheKernelsSomaxconnReadInFull() throws IOException {
        Path somaxconn = Path.of("/proc/sys/net/core/somaxconn");
        if (!Files.isReadable(somaxconn)) {
            assertThat(Listen.backlog(0)).isEqualTo(Listen.FALLBACK_BACKLOG);
            return;
        }
        String whole = new String(Files.newInputStream(somaxconn).readAllBytes()).trim();
        assertThat(Listen.backlog(0)).isEqualTo(Integer.parseInt(whole));
    }

    @Test
    void aConfiguredBacklogWins() {
        assertThat(Listen.backlog(17)).isEqualTo(17);
    }
}
