package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iolab.apps.Apps;
import org.iolab.apps.MenuProtocol;
import org.iolab.apps.UpperDatagram;
import org.iolab.apps.UpperProtocol;
import org.iolab.server.Application;
import org.iolab.server.EngineRefusedException;
import org.iolab.server.Engines;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the processes engine adds to the contract: workers are separate processes, so a worker
 * that dies takes only its own connections and is replaced; the supervisor's stop is graceful
 * for every worker, and its death ends them all; its counters are the workers' summed; and it
 * refuses clearly what it cannot serve.
 */
class ProcessesEngineTest {

    @BeforeEach
    void onlyWhereTheEngineRuns() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Engines.find("processes")
                .map(e -> e.availability().available()).orElse(false), "processes is not available here");
    }

    private static ServerConfig.Builder config(int workers, String workerEngine) {
        return Servers.config("processes+" + workerEngine).toBuilder().option("workers", Integer.toString(workers));
    }

    /** The worker processes of this JVM's servers (the tests run one at a time). */
    static List<ProcessHandle> workers() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("org.iolab.engine.processes.Worker"))
                .filter(ProcessHandle::isAlive).toList();
    }

    @Test
    void aKilledWorkerLosesOnlyItsOwnConnectionAndAReplacementServesTheNext() throws Exception {
        try (Server server = Servers.start(config(3, "blocking").build(), Apps.create("menu", false))) {
            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) { // each holds one blocking worker
                Client c = new Client(server);
                assertThat(c.readLine() + "\n").isEqualTo(MenuProtocol.GREETING);
                clients.add(c);
            }
            List<ProcessHandle> before = workers();
            assertThat(before).hasSize(3);
            before.getFirst().destroyForcibly(); // SIGKILL: no goodbye
            int lost = 0;
            for (Client c : clients) {
                if (c.closedByServer(3000)) {
                    lost++;
                } else {
                    c.send("0\n");
                    assertThat(c.readLine() + "\n").as("a survivor still served").isEqualTo(MenuProtocol.OPERATOR);
                }
            }
            assertThat(lost).as("connections lost with the killed worker").isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> workers().size() == 3
                    && workers().stream().noneMatch(p -> p.pid() == before.getFirst().pid()));
            try (Client next = new Client(server)) { // the two survivors are busy: the replacement answers
                assertThat(next.readLine() + "\n").isEqualTo(MenuProtocol.GREETING);
            }
            for (Client c : clients) {
                c.close();
            }
        }
        assertThat(workers()).as("no worker outlives its server").isEmpty();
    }

    @Test
    void withMaxWorkersABusyServerGrowsToTheMaximumThenRetiresTheIdleExtras() throws Exception {
        ServerConfig c = config(1, "blocking").option("max-workers", "3").option("retire-idle", "1").build();
        try (Server server = Servers.start(c, Apps.create("menu", false))) {
            List<Client> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) { // each held connection keeps a blocking worker busy: one more starts
                Client next = new Client(server);
                assertThat(next.readLine() + "\n").as("client %d served", i).isEqualTo(MenuProtocol.GREETING);
                held.add(next);
            }
            assertThat(workers()).hasSize(3);
            try (Client fourth = new Client(server)) { // at the maximum: served once a worker is free
                held.removeFirst().close();
                assertThat(fourth.readLine() + "\n").isEqualTo(MenuProtocol.GREETING);
            }
            for (Client h : held) {
                h.close();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> workers().size() == 1);
            try (Client again = new Client(server)) {
                assertThat(again.readLine() + "\n").isEqualTo(MenuProtocol.GREETING);
            }
        }
    }

    @Test
    void aGracefulStopLetsEveryWorkerCloseItsConnectionsCleanly() throws Exception {
        Server server = Servers.start(config(2, "epoll").build(), Apps.create("menu", false));
        try (Client a = new Client(server); Client b = new Client(server)) {
            assertThat(a.readLine() + "\n").isEqualTo(MenuProtocol.GREETING);
            assertThat(b.readLine() + "\n").isEqualTo(MenuProtocol.GREETING);
            server.close();
            assertThat(a.readLine()).as("end of stream, not a reset").isNull();
            assertThat(b.readLine()).isNull();
        }
        assertThat(workers()).isEmpty();
    }

    @Test
    void theCountersAreTheWorkersSummed() throws Exception {
        try (Server server = Servers.start(config(2, "blocking").build(), Apps.create("upper", false))) {
            for (int i = 0; i < 6; i++) {
                try (Client c = new Client(server)) {
                    c.send("abc\n");
                    assertThat(c.readLine()).isEqualTo("ABC");
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().accepted() == 6 && server.stats().open() == 0);
            assertThat(server.stats().bytesIn()).isEqualTo(24);
        }
    }

    @Test
    void withReusePortEachWorkerBindsItsOwnSocketAndAllServe() throws Exception {
        for (String inner : List.of("blocking", "epoll", "nio2")) {
            try (Server server = Servers.start(config(2, inner).option("reuseport", "on").build(),
                    Apps.create("upper", false))) {
                for (int i = 0; i < 10; i++) {
                    try (Client c = new Client(server)) {
                        c.send("reuse " + i + "\n");
                        assertThat(c.readLine()).isEqualTo("REUSE " + i);
                    }
                }
            }
        }
    }

    @Test
    void theWorkersEngineTakesItsOwnOptionsAndThreadsThroughTheSupervisor() throws Exception {
        ServerConfig c = config(2, "epoll").option("trigger", "level").eventLoops(1).build();
        try (Server server = Servers.start(c, Apps.create("upper", false)); Client client = new Client(server)) {
            client.send("passed on\n");
            assertThat(client.readLine()).isEqualTo("PASSED ON");
        }
        assertThatThrownBy(() -> Servers.start(config(1, "blocking").option("trigger", "level").build(),
                Apps.create("upper", false))).hasMessageContaining("--trigger does not apply to engine blocking");
        assertThatThrownBy(() -> Servers.start(config(1, "blocking").eventLoops(2).build(),
                Apps.create("upper", false))).hasMessageContaining("--threads does not apply to engine blocking");
    }

    @Test
    void theWorkersEndWhenTheSupervisorIsKilled() throws Exception {
        Process host = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ProcessesHost.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("listening ");
            List<ProcessHandle> orphans = host.toHandle().descendants().toList();
            assertThat(orphans).hasSize(2);
            host.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no goodbye
            await().atMost(Duration.ofSeconds(20)).until(() -> orphans.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            host.destroyForcibly();
        }
    }

    @Test
    void whatItCannotServeIsRefusedSayingWhy() {
        assertThatThrownBy(() -> Servers.start(config(1, "blocking").build(), Application.udp(new UpperDatagram())))
                .isInstanceOf(EngineRefusedException.class).hasMessageContaining("no accept queue to share");
        assertThatThrownBy(() -> Servers.start(config(1, "blocking").build(), Application.tcp(c -> new UpperProtocol())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has none");
        assertThatThrownBy(() -> Servers.start(config(1, "nio2").build(), Apps.create("upper", false)))
                .hasMessageContaining("add --reuseport");
        assertThatThrownBy(() -> Servers.start(config(1, "kqueue").build(), Apps.create("upper", false)))
                .hasMessageContaining("unknown engine 'kqueue'");
        assertThatThrownBy(() -> Servers.start(config(1, "epoll").build(), Apps.create("menu-stream", false)))
                .isInstanceOf(EngineRefusedException.class).hasMessageContaining("engine epoll cannot serve a StreamHandler");
        assertThatThrownBy(() -> Servers.start(config(2, "epoll").option("max-workers", "4").build(),
                Apps.create("upper", false))).hasMessageContaining("needs a worker engine that serves one at a time");
        assertThatThrownBy(() -> Servers.start(config(3, "blocking").option("max-workers", "2").build(),
                Apps.create("upper", false))).hasMessageContaining("--max-workers 2 is below --workers 3");
        assertThat(workers()).as("nothing was started").isEmpty();
    }
}
