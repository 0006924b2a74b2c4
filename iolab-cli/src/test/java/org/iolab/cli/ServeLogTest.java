package org.iolab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What a served process tells a person: {@code -v} logs each connect, disconnect and timeout in
 * one format, the default keeps quiet about them, a refusal at the limit is a warning, and the
 * listening line writes an IPv6 address as a person does.
 */
class ServeLogTest {

    private static final String TIME = "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ";

    @Test
    void verboseLogsConnectsDisconnectsAndTimeoutsOneLineEach() throws Exception {
        try (Served served = Served.start("--engine", "nio", "-v", "--idle-timeout", "0.5")) {
            int local;
            try (Socket s = new Socket("127.0.0.1", served.port())) {
                local = s.getLocalPort();
                s.getOutputStream().write("hi\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(s.getInputStream().readNBytes(3), StandardCharsets.US_ASCII)).isEqualTo("HI\n");
            }
            String peer = "127\\.0\\.0\\.1:" + local;
            await().atMost(Duration.ofSeconds(10)).until(() -> served.err().stream()
                    .anyMatch(l -> l.matches(TIME + "DEBUG disconnected " + peer + " \\(0 open\\)")));
            assertThat(served.err()).anyMatch(l -> l.matches(TIME + "DEBUG connected " + peer + " \\(1 open\\)"));

            try (Socket silent = new Socket("127.0.0.1", served.port())) {
                silent.setSoTimeout(10_000);
                assertThat(silent.getInputStream().read()).as("closed for idling").isEqualTo(-1);
                String quiet = "127\\.0\\.0\\.1:" + silent.getLocalPort();
                await().atMost(Duration.ofSeconds(10)).until(() -> served.err().stream()
                        .anyMatch(l -> l.matches(TIME + "DEBUG " + quiet + ": idle timeout \\(sent nothing\\): closing")));
            }
        }
    }

    @Test
    void byDefaultConnectionsAreNotLoggedButARefusalAtTheLimitIsAWarning() throws Exception {
        try (Served served = Served.start("--engine", "epoll", "--max-connections", "1");
             Socket first = new Socket("127.0.0.1", served.port());
             Socket second = new Socket("127.0.0.1", served.port())) {
            first.getOutputStream().write("a\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(first.getInputStream().readNBytes(2)).isEqualTo("A\n".getBytes(StandardCharsets.US_ASCII));
            second.setSoTimeout(10_000);
            InputStream in = second.getInputStream();
            assertThat(in.read()).as("refused: closed at once").isEqualTo(-1);
            String refused = "127\\.0\\.0\\.1:" + second.getLocalPort();
            await().atMost(Duration.ofSeconds(10)).until(() -> served.err().stream().anyMatch(l -> l.matches(
                    TIME + "WARN  refused " + refused + ": the server is at its limit, --max-connections 1")));
            assertThat(served.err()).noneMatch(l -> l.contains("DEBUG") || l.contains("connected"));
        }
    }

    @Test
    void anIpv6ListeningAddressIsWrittenAsAPersonWritesIt() throws Exception {
        Assumptions.assumeTrue(hasIpv6Loopback(), "no IPv6 loopback here");
        try (Served served = Served.start("--engine", "nio", "--host", "::1")) {
            assertThat(served.out().getFirst()).matches("listening on \\[::1]:\\d+ engine=nio app=upper");
        }
    }

    private static boolean hasIpv6Loopback() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return s.getInetAddress() instanceof Inet6Address;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
