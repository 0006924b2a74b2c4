package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.iolab.certs.SelfSigned;
import org.iolab.certs.ServerIdentity;
import org.iolab.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON API over HTTPS, as clients no one here wrote see it: the JDK's HttpClient and SSLSocket, trusting the server's self-signed certificate. */
class ItemsApiTest {

    private static ServerIdentity identity;
    private static Server server;
    private static HttpClient client;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        identity = SelfSigned.localhost(Duration.ofDays(1));
        server = Main.start(0, identity);
        base = URI.create("https://localhost:" + server.port());
        client = HttpClient.newBuilder().sslContext(trusting(identity)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    // region trust
    /** A client context that trusts {@code identity}'s certificate alone (for HttpClient and SSLSocket alike). */
    static SSLContext trusting(ServerIdentity identity) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", identity.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context; // HttpClient.newBuilder().sslContext(context), or context.getSocketFactory()
    }
    // end trust

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void itemsAreCreatedReadAndFilteredAsJson() throws Exception {
        HttpResponse<String> made = send(HttpRequest.newBuilder(base.resolve("/items"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cup\",\"tags\":[\"blue\",\"kitchen\"]}")));
        assertEquals(201, made.statusCode());
        String location = made.headers().firstValue("location").orElseThrow();
        assertTrue(made.body().contains("\"name\":\"cup\""), made.body());
        send(HttpRequest.newBuilder(base.resolve("/items")).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"plate\",\"tags\":[\"red\"]}")));

        HttpResponse<String> one = send(HttpRequest.newBuilder(base.resolve(location)));
        assertEquals(200, one.statusCode());
        assertEquals("application/json", one.headers().firstValue("content-type").orElseThrow());
        assertTrue(one.body().contains("\"tags\":[\"blue\",\"kitchen\"]"), one.body());

        String blue = send(HttpRequest.newBuilder(base.resolve("/items?tag=blue"))).body();
        assertTrue(blue.contains("cup") && !blue.contains("plate"), blue);
        assertEquals(404, send(HttpRequest.newBuilder(base.resolve("/items/999"))).statusCode());
        assertEquals(400, send(HttpRequest.newBuilder(base.resolve("/items")).POST(HttpRequest.BodyPublishers.ofString("not json"))).statusCode());
        assertEquals(405, send(HttpRequest.newBuilder(base.resolve("/items")).DELETE()).statusCode());
    }

    @Test
    void anUploadOfFourMibIsDigestedAsItStreams() throws Exception {
        byte[] body = new byte[4 << 20];
        Arrays.fill(body, (byte) 'x');
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/uploads/big.bin"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(200, r.statusCode());
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        assertTrue(r.body().contains("\"sha256\":\"" + sha + "\"") && r.body().contains("\"bytes\":4194304"), r.body());
    }

    @Test
    void aBlockingRouteAnswersFromTheWorkers() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/audit")));
        assertTrue(r.statusCode() == 200 && r.body().contains("\"audited\":"), r.body());
    }

    @Test
    void aReportAnsweredLaterComesBackAndAnSslSocketIsServedToo() throws Exception {
        assertTrue(send(HttpRequest.newBuilder(base.resolve("/report"))).body().startsWith("{\"items\":"));
        try (SSLSocket s = (SSLSocket) trusting(identity).getSocketFactory().createSocket("localhost", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /report HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n") && answer.endsWith("}"), answer);
        }
    }
}
