package org.iolab.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A server that runs elsewhere ({@code iolab bench --connect HOST:PORT}): another machine, a
 * peer's server, one started by hand. Its CPU, threads and memory come from its admin page's
 * {@code /stats} ({@code --admin http://HOST:PORT}, an iolab server's {@code --admin}), or are
 * not measured; its system calls are not counted (perf reaches local processes only).
 *
 * <p>Thread rule: {@link #sample} from any thread.
 */
public final class RemoteServer implements ServerUnderTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final InetSocketAddress address;
    private final URI stats;

    /**
     * @param admin the server's admin page ({@code http://HOST:PORT/}), or {@code null}
     * @throws IOException when the admin page does not answer
     */
    public RemoteServer(InetSocketAddress address, URI admin) throws IOException {
        this.address = address;
        this.stats = admin == null ? null : admin.resolve("/stats");
        if (stats != null) {
            sample(); // a wrong address should fail now, not as a row of missing figures
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String engine() {
        return "remote";
    }

    @Override
    public List<Long> pids() {
        return List.of();
    }

    @Override
    public ProcStats.Sample sample() throws IOException {
        if (stats == null) {
            return null;
        }
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(stats).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(stats + " answered " + r.statusCode());
            }
            JsonNode s = Json.MAPPER.readTree(r.body());
            return new ProcStats.Sample(s.path("cpuNanos").asLong(), s.path("threads").asInt(), s.path("rssBytes").asLong());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + stats);
        }
    }

    @Override
    public String whyNotMeasured() {
        return stats == null ? "server figures not measured (a remote server; give --admin for its CPU, threads, RSS)"
                : "system calls not counted (a remote server)";
    }
}
