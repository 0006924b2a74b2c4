package org.iolab.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.iolab.apps.Apps;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.api.Test;

/** The admin page over real HTTP: the JSON, the Prometheus text, the page and its scripts, the event stream. */
class AdminServerTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static HttpResponse<String> get(AdminServer admin, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(admin.url() + path.substring(1))).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statsMetricsThePageAndItsEventsAreServed() throws Exception {
        try (Server server = Server.start(ServerConfig.builder().engine("nio").port(0).build(), Apps.create("upper", false));
             AdminServer admin = AdminServer.start("127.0.0.1", 0, server::stats);
             Socket client = new Socket("127.0.0.1", server.port())) {
            client.getOutputStream().write("abc\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.getInputStream().readNBytes(4)).isEqualTo("ABC\n".getBytes(StandardCharsets.US_ASCII));

            List<String> events = new ArrayList<>();
            try (Socket stream = new Socket("127.0.0.1", admin.port())) { // two events arrive, a second apart
                stream.setSoTimeout(10_000);
                stream.getOutputStream().write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(stream.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                String line;
                while (events.size() < 2 && (line = in.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        events.add(line);
                    }
                }
            }
            assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e).contains("\"open\":1").contains("\"accepted\":1"));

            HttpResponse<String> stats = get(admin, "/stats");
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(stats.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(AdminRoutes.JSON.readTree(stats.body()).get("bytesIn").asLong()).isEqualTo(4);

            HttpResponse<String> metrics = get(admin, "/metrics");
            assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
            assertThat(metrics.body()).contains("# TYPE iolab_connections_accepted_total counter")
                    .contains("iolab_connections_accepted_total 1.0").contains("iolab_connections_open 1.0")
                    .contains("iolab_received_bytes_total 4.0").contains("iolab_tls_handshakes_total 0.0")
                    .contains("iolab_tls_failures_total 0.0");

            assertThat(get(admin, "/").body()).contains("<script src=\"/uPlot.iife.min.js\"></script>");
            assertThat(get(admin, "/uPlot.iife.min.js").body()).contains("uPlot");
            assertThat(get(admin, "/dashboard.js").body()).contains("new EventSource('/events')");
            assertThat(get(admin, "/history").body()).startsWith("[{");
            assertThat(get(admin, "/nothing").statusCode()).isEqualTo(404);
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(admin.url() + "stats"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(405);
        }
    }
}
