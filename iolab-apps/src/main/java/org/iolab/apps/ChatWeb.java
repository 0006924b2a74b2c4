package org.iolab.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.HttpRoutes;
import org.iolab.apps.ws.WebSocketOptions;
import org.iolab.apps.ws.WebSocketUpgrade;

/**
 * The chat room in a browser ({@code serve --app chat --web [HOST:]PORT}): {@code /} is the page
 * and {@code /chat.js} its script, both from the jar (no network needed), and {@code /ws} the
 * room, a WebSocket whose members ({@link WebMember}) sit in the same {@link ChatRoom} as the
 * terminal's, lines in one order for all.
 *
 * <p>Thread rule: shared by every connection of the page's server; stateless but for the room.
 */
public final class ChatWeb implements HttpRoutes {

    private static final byte[] HTML = "text/html; charset=utf-8".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JS = "text/javascript; charset=utf-8".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT = "text/plain".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "200 OK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = "404 Not Found".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND_BODY = "Not Found\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAGE = resource("web/chat.html");
    private static final byte[] SCRIPT = resource("web/chat.js");
    private static final byte[] ROOT = "/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SCRIPT_PATH = "/chat.js".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WS_PATH = "/ws".getBytes(StandardCharsets.US_ASCII);

    private final ChatRoom room;
    private volatile WebSocketOptions options;

    /** The room's page and socket; {@code options} say which origins may open it. */
    public ChatWeb(ChatRoom room, WebSocketOptions options) {
        this.room = room;
        this.options = options.withMaxMessage(ChatRoom.MAX_LINE);
    }

    /**
     * Serves the page and the room on {@code config}'s address: a browser's socket is taken from
     * the page's own origin (the address it is served at, and {@code localhost} for loopback)
     * and from {@code moreOrigins} ({@code *}: any). Its connections are spared the idle timeout:
     * the socket's pings find dead peers.
     */
    public static org.iolab.server.Server start(ChatRoom room, org.iolab.server.ServerConfig config,
                                               java.util.List<String> moreOrigins) throws IOException {
        ChatWeb web = new ChatWeb(room, WebSocketOptions.DEFAULTS.allowing(java.util.List.of()));
        org.iolab.server.Server server = org.iolab.server.Server.start(config,
                org.iolab.server.Application.tcp(c -> new org.iolab.apps.http.HttpProtocol(web,
                        org.iolab.apps.http.HttpProtocol.MAX_REQUESTS)).requests(org.iolab.apps.http.HttpProtocol.TIMEOUT_REPLY)
                        .exemptFromIdleTimeout());
        java.util.List<String> origins = new java.util.ArrayList<>(moreOrigins);
        String scheme = config.tls() == null ? "http://" : "https://";
        origins.add(scheme + org.iolab.protocol.Addresses.shown(server.localAddress()));
        if (server.localAddress().getAddress().isLoopbackAddress() || server.localAddress().getAddress().isAnyLocalAddress()) {
            origins.add(scheme + "localhost:" + server.port());
            origins.add(scheme + "127.0.0.1:" + server.port());
        }
        web.options = web.options.allowing(origins);
        return server;
    }

    @Override
    public void answer(HttpRequest r, HttpReply reply) {
        if (r.pathIs(WS_PATH)) {
            WebSocketUpgrade.answer(r, reply, options, () -> new WebMember(room));
        } else if (r.pathIs(ROOT)) {
            reply.send(OK, HTML, PAGE, PAGE.length, null);
        } else if (r.pathIs(SCRIPT_PATH)) {
            reply.send(OK, JS, SCRIPT, SCRIPT.length, null);
        } else {
            reply.send(NOT_FOUND, TEXT, NOT_FOUND_BODY, NOT_FOUND_BODY.length, null);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ChatWeb.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
