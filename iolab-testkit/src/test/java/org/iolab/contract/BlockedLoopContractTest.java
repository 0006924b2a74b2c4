package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.iolab.apps.Apps;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The blocked-loop watchdog on every loop engine: a handler that sleeps on the loop is counted
 * (and named in the log), and the echo under load is not.
 */
class BlockedLoopContractTest {

    private static Server start(String engine, Duration threshold, String app) {
        ServerConfig config = Servers.config(engine).toBuilder().eventLoops(Servers.eventLoops(engine, 1))
                .blockedLoopWarning(threshold).build();
        return Servers.start(config, Apps.create(app, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#loops")
    void aHandlerThatSleepsOnTheLoopIsCounted(String engine) throws Exception {
        try (Server server = start(engine, Duration.ofMillis(100), "heavy"); Client c = new Client(server)) {
            c.send("!sleep 600\n");
            assertThat(c.readLine()).isEqualTo("!SLEEP 600");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().blockedLoops() >= 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#loops")
    void theEchoUnderLoadIsNotCounted(String engine) throws Exception {
        try (Server server = start(engine, Duration.ofSeconds(1), "upper")) {
            int clients = 8;
            CountDownLatch done = new CountDownLatch(clients);
            java.util.concurrent.atomic.AtomicInteger echoed = new java.util.concurrent.atomic.AtomicInteger();
            for (int i = 0; i < clients; i++) {
                Thread.ofPlatform().daemon(true).start(() -> {
                    try (Client c = new Client(server)) {
                        for (int m = 0; m < 2_000; m++) {
                            c.send("message " + m + "\n");
                            if (("MESSAGE " + m).equals(c.readLine())) {
                                echoed.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(echoed.get()).isEqualTo(clients * 2_000);
            assertThat(server.stats().blockedLoops()).isZero();
        }
    }
}
