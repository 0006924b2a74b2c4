package org.iolab.apps.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Supplier;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;

/**
 * The server's side of the opening handshake (RFC 6455 4.2), on the http app's machinery: a
 * route calls {@link #answer} with a request and it answers, switching the connection to a
 * {@link WebSocketProtocol} on success:
 *
 * <ul>
 * <li>101 Switching Protocols, with {@code Sec-WebSocket-Accept} (the key and the RFC's GUID,
 *     SHA-1, base64: 4.2.2), when the request is a GET in HTTP/1.1 with {@code Upgrade: websocket},
 *     {@code Connection: Upgrade}, a key of 16 bytes in base64 and version 13.
 * <li>426 Upgrade Required with {@code Sec-WebSocket-Version: 13} for another version (4.4), or
 *     for a plain request to a WebSocket's path.
 * <li>403 Forbidden for an {@code Origin} the options do not allow (4.2.2, 10.2), 400 for a bad
 *     key or a handshake that is not a GET in HTTP/1.1 (4.2.1).
 * </ul>
 *
 * <p>Thread rule: stateless.
 */
public final class WebSocketUpgrade {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final byte[] TEXT = "text/plain".getBytes(StandardCharsets.US_ASCII);

    private WebSocketUpgrade() {
    }

    /**
     * Answers {@code r}, a request to a WebSocket's path: the handshake's 101 and a socket run by
     * the handler {@code handlers} makes, or the refusal the RFC says.
     */
    public static void answer(HttpRequest r, HttpReply reply, WebSocketOptions options, Supplier<WebSocketHandler> handlers) {
        HttpRequest.WebSocketHandshake h = r.webSocket();
        if (h == null) {
            refuse(reply, "426 Upgrade Required", "this is a WebSocket: ask with Upgrade: websocket\n", true);
        } else if (!r.methodIs(GET) || !r.http11()) {
            refuse(reply, "400 Bad Request", "a WebSocket handshake is a GET in HTTP/1.1\n", false);
        } else if (!"13".equals(h.version())) {
            refuse(reply, "426 Upgrade Required", "WebSocket version 13 only\n", true);
        } else if (!validKey(h.key())) {
            refuse(reply, "400 Bad Request", "Sec-WebSocket-Key is not 16 bytes in base64\n", false);
        } else if (!options.allows(h.origin())) {
            refuse(reply, "403 Forbidden", "origin not allowed: " + h.origin() + "\n", false);
        } else {
            String head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(h.key()) + "\r\n\r\n";
            reply.upgrade(head.getBytes(StandardCharsets.US_ASCII), new WebSocketProtocol(handlers.get(), options));
        }
    }

    private static final byte[] GET = "GET".getBytes(StandardCharsets.US_ASCII);

    private static void refuse(HttpReply reply, String status, String body, boolean version) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        reply.sendWith(status.getBytes(StandardCharsets.US_ASCII), TEXT, b, b.length,
                version ? "Sec-WebSocket-Version: 13" : null);
    }

    /** {@code Sec-WebSocket-Accept} for {@code key} (RFC 6455 4.2.2, step 5.4). */
    static String accept(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static boolean validKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
