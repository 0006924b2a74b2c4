package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.iolab.apps.http.HttpProtocol;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.api.Test;

class GreeterTest {

    @Test
    void theRoutesAnswerTheJdksHttpClient() throws Exception {
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).build(),
                HttpProtocol.application(Greeter.routes()));
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                     .connectTimeout(Duration.ofSeconds(10)).build()) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            HttpResponse<String> hello = client.send(HttpRequest.newBuilder(base.resolve("/hello"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, hello.statusCode());
            assertEquals("Hello from iolab!\n", hello.body());
            HttpResponse<String> reversed = client.send(HttpRequest.newBuilder(base.resolve("/reverse"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("stressed")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("desserts", reversed.body());
            HttpResponse<String> missing = client.send(HttpRequest.newBuilder(base.resolve("/elsewhere"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
            System.out.println("served by engine " + server.engine().name());
        }
    }
}
