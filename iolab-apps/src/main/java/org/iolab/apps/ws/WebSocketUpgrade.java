package org.iolab.apps.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.HttpRequest;
import org.iolab.apps.http.Status;

/**
 * The server's side of the opening handshake (RFC 6455 4.2), on the HTTP API: a route calls
 * {@link #answer} with a request and it answers, switching the connection to a
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

    private WebSocketUpgrade() {
    }

    /**
     * Answers {@code r}, a request to a WebSocket's path: the handshake's 101 and a socket run by
     * the handler {@code handlers} makes, or the refusal the RFC says.
     */
    public static void answer(HttpRequest r, HttpReply reply, WebSocketOptions options, Supplier<WebSocketHandler> handlers) {
        if (!hasToken(r.headers("upgrade"), "websocket") || !hasToken(r.headers("connection"), "upgrade")) {
            refuse(reply, Status.UPGRADE_REQUIRED, "this is a WebSocket: ask with Upgrade: websocket\n", true);
            return;
        }
        List<String> keys = r.headers("sec-websocket-key");
        String version = r.header("sec-websocket-version");
        String origin = r.header("origin");
        if (!r.methodIs("GET") || !r.protocol().equals("HTTP/1.1")) {
            refuse(reply, Status.BAD_REQUEST, "a WebSocket handshake is a GET in HTTP/1.1\n", false);
        } else if (!"13".equals(version) || r.headers("sec-websocket-version").size() != 1) {
            refuse(reply, Status.UPGRADE_REQUIRED, "WebSocket version 13 only\n", true);
        } else if (keys.size() != 1 || !validKey(keys.get(0))) {
            refuse(reply, Status.BAD_REQUEST, "Sec-WebSocket-Key is not 16 bytes in base64\n", false);
        } else if (!options.allows(origin)) {
            refuse(reply, Status.FORBIDDEN, "origin not allowed: " + origin + "\n", false);
        } else {
            reply.header("Sec-WebSocket-Accept", accept(keys.get(0)))
                    .upgrade("websocket", new WebSocketProtocol(handlers.get(), options));
        }
    }

    /** Whether a list-valued field (over any number of lines) names {@code token}, ignoring case and a {@code /version}. */
    private static boolean hasToken(List<String> lines, String token) {
        for (String line : lines) {
            for (String member : line.split(",")) {
                String m = member.strip();
                int slash = m.indexOf('/');
                if ((slash < 0 ? m : m.substring(0, slash)).equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void refuse(HttpReply reply, Status status, String body, boolean version) {
        if (version) {
            reply.header("Sec-WebSocket-Version", "13");
        }
        reply.status(status).contentType("text/plain").send(body.getBytes(StandardCharsets.UTF_8));
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
