package org.iolab.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.iolab.server.ServerConfig;
import org.iolab.server.ServerStats;
import org.junit.jupiter.api.Test;

/**
 * The sweeper's clock at a server's start: fresh before the server reads anything, whatever an
 * earlier server of the process left it at (a stale clock stamped a first input in the past and
 * closed an idle connection before its timeout; the contract suite saw it once on blocking).
 */
class TimeoutSweeperTest {

    @Test
    void aStartingSweeperMovesTheClockBeforeTheServerReadsAnything() throws InterruptedException {
        ServerConfig config = ServerConfig.builder().engine("blocking").idleTimeout(Duration.ofSeconds(30)).build();
        Clock.now(); // the clock exists, and left behind by whatever ran before (unless a sweeper runs beside)
        Thread.sleep(20);
        long before = System.nanoTime();
        TimeoutSweeper sweeper = TimeoutSweeper.startIfNeeded(config, new ConnectionSet(new ServerStats(), 10));
        try {
            assertThat(sweeper).isNotNull();
            assertThat(Clock.now()).as("the clock as the server's first input would stamp it").isGreaterThanOrEqualTo(before);
        } finally {
            sweeper.stop();
        }
    }
}
