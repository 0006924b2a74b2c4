package org.iolab.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One page in headless Chromium, driven over the DevTools protocol (the JDK's WebSocket client;
 * no driver to install): open a URL, wait for a condition in the page, read what it rendered,
 * take a screenshot. Real time, unlike {@link HeadlessChromium}'s virtual time, which runs on
 * while a page waits on a WebSocket. Bounded: every wait has a limit, and the browser is killed
 * on close.
 *
 * <pre>{@code
 * try (ChromiumPage page = ChromiumPage.open(url)) {
 *     page.await("document.getElementById('status').textContent === 'done'", Duration.ofSeconds(30));
 *     String dom = page.evaluate("document.body.innerHTML");
 * }
 * }</pre>
 *
 * <p>Thread rule: one thread uses a page.
 */
public final class ChromiumPage implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL = Duration.ofSeconds(20);

    private final Process browser;
    private final Path dir;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private String session;

    private ChromiumPage(Process browser, Path dir, WebSocket socket) {
        this.browser = browser;
        this.dir = dir;
        this.socket = socket;
    }

    /** A fresh browser with one page at {@code url}. */
    public static ChromiumPage open(String url, String... args) throws Exception {
        Path dir = Files.createTempDirectory("iolab-chromium-page");
        List<String> cmd = new ArrayList<>(List.of(HeadlessChromium.executable(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--user-data-dir=" + dir.resolve("profile"), "--remote-debugging-port=0"));
        cmd.addAll(List.of(args));
        cmd.add("about:blank");
        Process p = HeadlessChromium.start(new ProcessBuilder(cmd).redirectErrorStream(true), dir);
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    int at = line.indexOf("ws://");
                    if (line.contains("DevTools listening on") && at >= 0) {
                        endpoint.complete(line.substring(at).strip());
                    }
                }
            } catch (java.io.IOException ignored) {
                // the browser ended
            }
            endpoint.complete(null);
        });
        String ws = endpoint.get(30, TimeUnit.SECONDS);
        if (ws == null) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            HeadlessChromium.remove(dir);
            throw new IllegalStateException("chromium gave no DevTools endpoint");
        }
        ChromiumPage[] page = new ChromiumPage[1];
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(CALL)
                .buildAsync(URI.create(ws), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            page[0].answer(text.toString());
                            text.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        page[0] = new ChromiumPage(p, dir, socket);
        ObjectNode target = JSON.createObjectNode().put("url", url);
        String targetId = page[0].call("Target.createTarget", target).get("targetId").asText();
        page[0].session = page[0].call("Target.attachToTarget", JSON.createObjectNode().put("targetId", targetId)
                .put("flatten", true)).get("sessionId").asText();
        return page[0];
    }

    private void answer(String message) {
        try {
            JsonNode m = JSON.readTree(message);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = calls.remove(m.get("id").asInt());
                if (f != null) {
                    f.complete(m);
                }
            }
        } catch (java.io.IOException ignored) {
            // not for us
        }
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
        m.set("params", params);
        if (session != null) {
            m.put("sessionId", session);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        calls.put(id, f);
        socket.sendText(JSON.writeValueAsString(m), true).get(CALL.toSeconds(), TimeUnit.SECONDS);
        JsonNode answer = f.get(CALL.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + ": " + answer.get("error"));
        }
        return answer.get("result");
    }

    /** The value of {@code js} in the page, as text. */
    public String evaluate(String js) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", js).put("returnByValue", true));
        JsonNode v = r.get("result").get("value");
        return v == null ? null : v.isTextual() ? v.asText() : v.toString();
    }

    /** Waits until {@code condition} is true in the page, at most {@code max}. */
    public void await(String condition, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (!"true".equals(evaluate("!!(" + condition + ")"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not get to " + condition + " within " + max + "; it shows: "
                        + evaluate("document.body ? document.body.innerText : ''"));
            }
            Thread.sleep(100);
        }
    }

    /** A PNG of the page as it is now. */
    public void screenshot(Path file) throws Exception {
        JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException ignored) {
            // the browser goes anyway
        }
        List<ProcessHandle> helpers = browser.descendants().toList();
        browser.destroy();
        if (!browser.waitFor(10, TimeUnit.SECONDS)) {
            browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        helpers.forEach(ProcessHandle::destroyForcibly);
        HeadlessChromium.remove(dir);
    }
}
