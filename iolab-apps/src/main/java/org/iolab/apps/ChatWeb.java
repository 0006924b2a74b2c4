package org.iolab.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.iolab.apps.http.HttpProtocol;
import org.iolab.apps.http.Router;
import org.iolab.apps.ws.WebSocketOptions;
import org.iolab.apps.ws.WebSocketUpgrade;
import org.iolab.protocol.Addresses;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;

/**
 * The chat room in a browser ({@code serve --app chat --web [HOST:]PORT}): {@code /} is the page
 * and {@code /chat.js} its script, both from the jar (no network needed), and {@code /ws} the
 * room, a WebSocket whose members ({@link WebMember}) sit in the same {@link ChatRoom} as the
 * terminal's, lines in one order for all.
 *
 * <p>Thread rule: shared by every connection of the page's server; stateless but for the room.
 */
public final class ChatWeb {

    private static final byte[] PAGE = resource("web/chat.html");
    private static final byte[] SCRIPT = resource("web/chat.js");

    private final ChatRoom room;
    private volatile WebSocketOptions options;

    /** The room's page and socket; {@code options} say which origins may open it. */
    public ChatWeb(ChatRoom room, WebSocketOptions options) {
        this.room = room;
        this.options = options.withMaxMessage(ChatRoom.MAX_LINE);
    }

    /** The page's routes: {@code /}, {@code /chat.js} and the room's socket at {@code /ws}. */
    public Router router() {
        return new Router()
                .any("/ws", (req, reply) -> WebSocketUpgrade.answer(req, reply, options, () -> new WebMember(room)))
                .get("/", (req, reply) -> reply.contentType("text/html; charset=utf-8").send(PAGE))
                .get("/chat.js", (req, reply) -> reply.contentType("text/javascript; charset=utf-8").send(SCRIPT));
    }

    /**
     * Serves the page and the room on {@code config}'s address: a browser's socket is taken from
     * the page's own origin (the address it is served at, and {@code localhost} for loopback)
     * and from {@code moreOrigins} ({@code *}: any). Its connections are spared the idle timeout:
     * the socket's pings find dead peers.
     */
    public static Server start(ChatRoom room, ServerConfig config, List<String> moreOrigins) throws IOException {
        ChatWeb web = new ChatWeb(room, WebSocketOptions.DEFAULTS.allowing(List.of()));
        Server server = Server.start(config, HttpProtocol.application(web.router()).exemptFromIdleTimeout());
        List<String> origins = new ArrayList<>(moreOrigins);
        String scheme = config.tls() == null ? "http://" : "https://";
        origins.add(scheme + Addresses.shown(server.localAddress()));
        if (server.localAddress().getAddress().isLoopbackAddress() || server.localAddress().getAddress().isAnyLocalAddress()) {
            origins.add(scheme + "localhost:" + server.port());
            origins.add(scheme + "127.0.0.1:" + server.port());
        }
        web.options = web.options.allowing(origins);
        return server;
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
