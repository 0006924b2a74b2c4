package org.iolab.bench.scenarios;

import org.iolab.bench.Compare;
import org.iolab.bench.peers.Target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code compare --app http}: its scenarios, its targets serving http, the peers' HTTP server. */
class HttpScenariosTest {

    private static final List<String> ENGINES = List.of("blocking", "threads", "epoll");
    private static final List<String> PEERS = List.of("netty-epoll");

    @Test
    void theHttpAppHasItsOwnScenariosAndRefusesTheOthers() {
        assertThat(Scenarios.select(List.of(), "http")).extracting(Scenario::number).containsExactly(15, 16, 17, 18);
        assertThat(Scenarios.select(List.of(), "upper")).extracting(Scenario::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 32, 33);
        assertThat(Scenarios.select(List.of("17"), "http")).containsExactly(Scenarios.HTTP_PIPELINED);
        assertThatThrownBy(() -> Scenarios.select(List.of("3"), "http"))
                .hasMessage("scenario '3' is not one of the http app's (15 to 18; --app chooses)");
        assertThatThrownBy(() -> Scenarios.select(List.of("idle-sweep"), "http"))
                .hasMessageContaining("not one of the http app's");
        assertThatThrownBy(() -> Scenarios.select(List.of("16"), "upper"))
                .hasMessageContaining("not one of the upper app's (1 to 14, 32, 33, active-sweep, idle-sweep");
        assertThatThrownBy(() -> Scenarios.select(List.of(), "menu")).hasMessage("the lab compares upper, http, tls, ws, h2, not 'menu'");
        assertThat(Scenarios.HTTP_PIPELINED.title()).isEqualTo("17. HTTP, 100 connections, 16 pipelined (GET /plaintext)");
        assertThat(Scenarios.HTTP_ONE_CONNECTION.title()).isEqualTo("15. HTTP, one connection, keep-alive (GET /plaintext) (latency)");
        assertThat(Scenarios.HTTP_100.shape().size()).isEqualTo(13); // the body, Hello, World!
    }

    @Test
    void everyTargetOfAnHttpScenarioServesHttpAndThePeerIsNettysHttpServer() throws Exception {
        List<Compare.Run> plan = Compare.plan(Scenarios.select(List.of(), "http"), ENGINES, PEERS, false);
        assertThat(plan).allSatisfy(r -> assertThat(r.target().app()).isEqualTo("http"));
        assertThat(plan.stream().filter(r -> r.scenario() == Scenarios.HTTP_1000).map(r -> r.target().name()))
                .containsExactly("threads", "epoll", "netty-epoll"); // blocking serves one at a time
        Target peer = plan.stream().map(Compare.Run::target).filter(Target::peer).findFirst().orElseThrow();
        assertThat(peer.command(0, false)).contains("org.iolab.bench.peers.NettyHttpServer")
                .contains("--sun-misc-unsafe-memory-access=allow"); // TechEmpower's flags: Netty at its best
        Target engine = plan.stream().map(Compare.Run::target).filter(t -> t.name().equals("epoll")).findFirst().orElseThrow();
        assertThat(String.join(" ", engine.command(0, false))).contains("serve --engine epoll --app http");
        assertThatThrownBy(() -> Target.of("netty-nio").serving("chat")).hasMessageContaining("upper, http, ws, h2 and heavy apps only");
    }

    @Test
    void theTlsComparisonRunsEveryTargetOverTlsWithIolabAndNettyOnBothProvidersAndNginxOverHttpsOnly() throws Exception {
        List<Scenario> tls = Scenarios.select(List.of(), "tls");
        assertThat(tls).extracting(Scenario::number).containsExactly(19, 20, 21, 22, 23, 31);
        List<Compare.Run> plan = Compare.plan(tls, ENGINES, List.of("netty-epoll", "nginx"), false);
        assertThat(plan).allSatisfy(r -> assertThat(r.target().tls()).isTrue());
        boolean withOpenSsl = Target.openSsl() != null; // iolab's OpenSSL provider, where libssl.so.3 loads
        List<String> iolab = withOpenSsl ? List.of("threads", "epoll", "epoll+openssl") : List.of("threads", "epoll");
        List<String> https = new java.util.ArrayList<>(iolab);
        https.addAll(List.of("netty-epoll", "nginx", "netty-epoll+openssl"));
        assertThat(plan.stream().filter(r -> r.scenario() == Scenarios.HTTPS_PIPELINED).map(r -> r.target().name()))
                .containsExactlyElementsOf(https);
        assertThat(plan.stream().filter(r -> r.scenario() == Scenarios.TLS_RESUMED).map(r -> r.target().name()))
                .containsExactlyElementsOf(https);
        List<String> echo = new java.util.ArrayList<>(iolab);
        echo.addAll(List.of("netty-epoll", "netty-epoll+openssl"));
        assertThat(plan.stream().filter(r -> r.scenario() == Scenarios.TLS_ECHO_100).map(r -> r.target().name()))
                .as("nginx serves no echo").containsExactlyElementsOf(echo);
        Target openssl = plan.stream().map(Compare.Run::target).filter(t -> t.name().equals("netty-epoll+openssl"))
                .findFirst().orElseThrow();
        assertThat(String.join(" ", openssl.command(0, false))).contains("--transport epoll").contains("--ssl-provider openssl");
        Target epoll = plan.stream().map(Compare.Run::target).filter(t -> t.name().equals("epoll")).findFirst().orElseThrow();
        assertThat(String.join(" ", epoll.command(0, false))).contains("--tls --cert ").contains("--tls-provider jdk");
        if (withOpenSsl) {
            Target ours = plan.stream().map(Compare.Run::target).filter(t -> t.name().equals("epoll+openssl")).findFirst()
                    .orElseThrow();
            assertThat(String.join(" ", ours.command(0, false))).contains("--engine epoll ").contains("--tls-provider openssl");
            assertThat(Target.isPeer("epoll+openssl")).isFalse();
        }
        assertThat(Target.isPeer("netty-epoll+openssl")).isTrue();
        assertThat(Target.isPeer("processes+reuseport")).isFalse();
    }

    @Test
    void theH2ComparisonRunsH2loadAgainstTheConcurrentEnginesNettysCodecAndNginxInClearTextAndOverTls() throws Exception {
        List<Scenario> h2 = Scenarios.select(List.of(), "h2");
        assertThat(h2).extracting(Scenario::number).containsExactly(26, 27, 28, 29, 30);
        assertThat(Scenarios.H2_TLS_STREAMS.title())
                .isEqualTo("28. HTTP/2 over TLS, 100 connections x 16 streams (h2load, GET /plaintext)");
        assertThat(Scenarios.H1_BESIDE_H2.title())
                .isEqualTo("30. HTTP/1.1, 100 connections x 16 pipelined (h2load, GET /plaintext)");
        List<Compare.Run> plan = Compare.plan(h2, ENGINES, List.of("netty-epoll", "nginx"), false);
        assertThat(plan.stream().filter(r -> r.scenario() == Scenarios.H2C_STREAMS).map(r -> r.target().name()))
                .as("blocking serves one connection at a time").containsExactly("threads", "epoll", "netty-epoll", "nginx");
        assertThat(plan.stream().filter(r -> r.scenario() == Scenarios.H2_TLS_ONE_STREAM).map(r -> r.target().name()))
                .containsExactly("threads", "epoll", "netty-epoll", "nginx", "netty-epoll+openssl");
        assertThat(plan).allSatisfy(r -> assertThat(r.target().tls())
                .isEqualTo(r.scenario() == Scenarios.H2_TLS_STREAMS || r.scenario() == Scenarios.H2_TLS_ONE_STREAM));
        assertThat(plan.stream().filter(r -> r.scenario() == Scenarios.H1_BESIDE_H2).map(r -> r.target().app()))
                .containsOnly("http");
        Target epoll = plan.stream().filter(r -> r.scenario() == Scenarios.H2C_STREAMS).map(Compare.Run::target)
                .filter(t -> t.name().equals("epoll")).findFirst().orElseThrow();
        assertThat(String.join(" ", epoll.command(0, false))).as("HTTP/2 is the http app's, by prior knowledge or ALPN")
                .contains("serve --engine epoll --app http ");
        Target netty = plan.stream().filter(r -> r.scenario() == Scenarios.H2C_STREAMS).map(Compare.Run::target)
                .filter(t -> t.name().equals("netty-epoll")).findFirst().orElseThrow();
        assertThat(netty.command(0, false)).contains("org.iolab.bench.peers.NettyHttp2Server");
    }
}
