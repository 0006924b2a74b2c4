package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.iolab.apps.Apps;
import org.iolab.server.Server;
import org.junit.jupiter.api.Test;

/**
 * What the polling engine's {@code --spin} changes: by default the loop parks after a run of
 * empty passes, so an idle server's loop thread is seen waiting; spinning, it never parks, so
 * it is only ever seen running. Both serve alike.
 */
class PollingEngineTest {

    private static final int SAMPLES = 400;

    @Test
    void byDefaultTheIdleLoopParks() throws Exception {
        try (Server server = Servers.start(Servers.config("polling"), Apps.create("upper", false))) {
            echoes(server);
            assertThat(parkedSamples()).as("samples of an idle loop seen parked, of " + SAMPLES).isPositive();
        }
    }

    @Test
    void spinningTheIdleLoopNeverParks() throws Exception {
        try (Server server = Servers.start(Servers.config("polling").toBuilder().option("spin", "on").build(),
                Apps.create("upper", false))) {
            echoes(server);
            assertThat(parkedSamples()).as("samples of a spinning loop seen parked, of " + SAMPLES).isZero();
        }
    }

    private static void echoes(Server server) throws Exception {
        try (Client c = new Client(server)) {
            c.send("spin\n");
            assertThat(c.readLine()).isEqualTo("SPIN");
        }
    }

    /** How often the loop thread is seen parked, sampled a millisecond apart. */
    private static int parkedSamples() throws InterruptedException {
        Thread loop = loopThread();
        int parked = 0;
        for (int i = 0; i < SAMPLES; i++) {
            if (loop.getState() == Thread.State.TIMED_WAITING) {
                parked++;
            }
            Thread.sleep(1);
        }
        return parked;
    }

    private static Thread loopThread() {
        Thread[] all = new Thread[Thread.activeCount() + 16];
        int n = Thread.enumerate(all);
        return Arrays.stream(all, 0, n).filter(t -> t.getName().startsWith("iolab-polling-loop-")).findFirst()
                .orElseThrow(() -> new AssertionError("no polling loop thread"));
    }
}
