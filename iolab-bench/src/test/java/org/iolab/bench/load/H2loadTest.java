package org.iolab.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** h2load's command line as the lab builds it, and its output read (h2load 1.52's, as printed here). */
class H2loadTest {

    private static final String TIMED = """
            starting benchmark...
            spawning thread #0: 100 total client(s). Timing-based test with 500ms of warm-up time and 2000ms of main duration for measurements.
            Application protocol: h2
            Warm-up phase is over for thread #0.
            Main benchmark duration is started for thread #0.
            Main benchmark duration is over for thread #0. Stopping all clients.
            Stopped all clients for thread #0

            finished in 2.51s, 261728.00 req/s, 3.41MB/s
            requests: 523456 total, 523456 started, 523456 done, 523440 succeeded, 16 failed, 0 errored, 0 timeout
            status codes: 523400 2xx, 0 3xx, 40 4xx, 0 5xx
            traffic: 6.82MB (7153230) total, 1.01MB (1058412) headers (space savings 94.38%), 6.49MB (6804928) data
                                 min         max         mean         sd        +/- sd
            time for request:      157us     38.51ms      6.07ms      3.12ms    71.46%
            time for connect:        0us         0us         0us         0us     0.00%
            time to 1st byte:        0us         0us         0us         0us     0.00%
            req/s           :    2529.92     2712.76     2617.11       41.67    68.00%
            """;

    @Test
    void aTimedRunIsReadWithItsUnits() throws IOException {
        H2load.Result r = H2load.parse(TIMED);
        assertThat(r.seconds()).isEqualTo(2.51);
        assertThat(r.requestsPerSecond()).isEqualTo(261728.0);
        assertThat(r.succeeded()).isEqualTo(523440);
        assertThat(r.failed()).isEqualTo(16);
        assertThat(r.errored()).isZero();
        assertThat(r.not2xx()).as("4xx answers are wrong answers to GET /plaintext").isEqualTo(40);
        assertThat(r.meanMicros()).isEqualTo(6070.0);
        H2load.Result shortRun = H2load.parse(TIMED.replace("finished in 2.51s", "finished in 766.85ms")
                .replace("6.07ms", "907us"));
        assertThat(shortRun.seconds()).isEqualTo(0.76685);
        assertThat(shortRun.meanMicros()).isEqualTo(907.0);
    }

    @Test
    void aRunThatPrintedNoResultSaysItsLastLine() {
        assertThatThrownBy(() -> H2load.parse("starting benchmark...\nNo protocol negotiated. Exiting...\n"))
                .isInstanceOf(IOException.class)
                .hasMessage("h2load gave no result: No protocol negotiated. Exiting...");
        assertThatThrownBy(() -> H2load.parse("")).hasMessage("h2load gave no result: (nothing)");
    }

    @Test
    void theCommandLineCarriesTheShapeTheTimesInMillisecondsAndThePin() {
        InetSocketAddress at = new InetSocketAddress("127.0.0.1", 8443);
        assertThat(H2load.command("/usr/bin/h2load", new H2load.Spec(at, true, false, 100, 16, Duration.ofSeconds(1),
                Duration.ofMillis(2500), 1))).containsExactly("taskset", "-c", "1", "/usr/bin/h2load", "-t", "1",
                "-c", "100", "-m", "16", "-D", "2500ms", "--warm-up-time", "1000ms", "https://127.0.0.1:8443/plaintext");
        assertThat(H2load.command("h2load", new H2load.Spec(at, false, true, 10, 4, Duration.ZERO, Duration.ofSeconds(1), -1)))
                .containsExactly("h2load", "-t", "1", "-c", "10", "-m", "4", "-D", "1000ms", "--warm-up-time", "0ms",
                        "--h1", "http://127.0.0.1:8443/plaintext");
    }
}
