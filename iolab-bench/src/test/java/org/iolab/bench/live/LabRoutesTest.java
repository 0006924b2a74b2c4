package org.iolab.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iolab.bench.Compare;
import org.iolab.bench.scenarios.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page's routes over real HTTP: its files, the numbered history, and the output
 * folder's files by plain name only (nothing above it, no hidden file, no unknown type).
 */
class LabRoutesTest {

    private static HttpResponse<String> get(LiveLab live, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(live.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request as written, not as a client library would normalize it: its status code. */
    private static int raw(LiveLab live, String target) throws Exception {
        URI u = URI.create(live.url());
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void thePageItsHistoryAndTheReportFolderAreServedAndNothingElse(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("report.html"), "<html>the report</html>");
        Files.writeString(out.resolve(".hidden.html"), "secret");
        Files.writeString(out.resolve("notes.txt"), "not a report file");
        Files.writeString(dir.resolve("outside.html"), "outside");
        try (LiveLab live = LiveLab.start("127.0.0.1", 0, out, null)) {
            assertThat(get(live, "/").body()).contains("<script src=\"/lab.js\">");
            assertThat(get(live, "/lab.js").headers().firstValue("content-type")).hasValue("text/javascript");
            assertThat(get(live, "/uPlot.iife.min.js").statusCode()).isEqualTo(200);
            assertThat(get(live, "/history").body()).isEqualTo("[]");

            live.planned(new Compare.Options(List.of("epoll"), List.of(), true, false, List.of("3"), 1, ""),
                    List.of(Scenarios.ACTIVE_100), List.of("epoll"), 1);
            live.reportWritten();
            String history = get(live, "/history").body();
            assertThat(history).doesNotContain("\n").startsWith("[{\"seq\":0,\"event\":{\"type\":\"plan\"")
                    .contains("\"title\":\"3. 100 active connections, 64 B\"")
                    .endsWith("{\"seq\":1,\"event\":{\"type\":\"report\",\"url\":\"/report/report.html\"}}]");

            HttpResponse<String> report = get(live, "/report/report.html");
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.body()).isEqualTo("<html>the report</html>");
            assertThat(report.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(raw(live, "/report/../outside.html")).isEqualTo(404);
            assertThat(raw(live, "/report/%2e%2e/outside.html")).isEqualTo(404);
            assertThat(raw(live, "/report/.hidden.html")).isEqualTo(404);
            assertThat(raw(live, "/report/notes.txt")).isEqualTo(404);
            assertThat(raw(live, "/report/missing.html")).isEqualTo(404);
            assertThat(raw(live, "/report/")).isEqualTo(404);
            assertThat(raw(live, "/outside.html")).isEqualTo(404);
        }
    }
}
