package org.iolab.apps.http;

import java.nio.charset.StandardCharsets;

/**
 * The request being handled: what the routes need of it, read in place from the parser's
 * buffer, so that a request allocates nothing. Valid only during the handler's call; one
 * instance per connection, reused.
 *
 * <p>Thread rule: the connection's callback thread only.
 */
public final class HttpRequest {

    /** The request-target's form (RFC 9112 3.2). */
    public enum Form {
        /** {@code /path?query}: what clients send to an origin server. */
        ORIGIN,
        /** {@code http://host/path?query}: what clients send to a proxy; a server MUST accept it (3.2.2). */
        ABSOLUTE,
        /** {@code host:port}: CONNECT's. */
        AUTHORITY,
        /** {@code *}: OPTIONS about the server as a whole. */
        ASTERISK
    }

    byte[] buffer = new byte[256]; // the request line, up to the version
    int methodStart;
    int methodEnd;
    int pathStart;
    int pathEnd;
    int authorityStart;
    int authorityEnd;
    Form form = Form.ORIGIN;
    boolean http11;
    boolean keepAlive;
    boolean expectContinue;
    /** What a WebSocket handshake's fields said (the key, the version, the origin; each may be missing). */
    public record WebSocketHandshake(String key, String version, String origin) {
    }

    /** The WebSocket handshake this request asks for ({@code Upgrade: websocket}, {@code Connection: upgrade}), or null. */
    WebSocketHandshake webSocket;
    /** The Origin field, or null. */
    String origin;
    /** The body's length by Content-Length, -1 when chunked. */
    long contentLength;
    byte[] body = new byte[0];
    int bodyLength;

    /** Keeps a copy of the request line (grown as needed, reused). */
    void keepLine(byte[] from, int start, int end) {
        if (end - start > buffer.length) {
            buffer = new byte[Math.max(end - start, buffer.length * 2)];
        }
        System.arraycopy(from, start, buffer, 0, end - start);
    }

    /** Whether the method is {@code name} (upper case ASCII, as the method is case-sensitive). */
    public boolean methodIs(byte[] name) {
        return equals(methodStart, methodEnd, name);
    }

    /** Whether the target's path (before any {@code ?}) is {@code path}; an absolute target's empty path is {@code /}. */
    public boolean pathIs(byte[] path) {
        int end = pathStart;
        while (end < pathEnd && buffer[end] != '?') {
            end++;
        }
        return end == pathStart && form == Form.ABSOLUTE ? path.length == 1 && path[0] == '/' : equals(pathStart, end, path);
    }

    /** The WebSocket handshake this request asks for, or {@code null}. */
    public WebSocketHandshake webSocket() {
        return webSocket;
    }

    /** The request's {@code Origin} field, or {@code null}. */
    public String origin() {
        return origin;
    }

    /** The target's form. */
    public Form form() {
        return form;
    }

    /** Whether the client waits for {@code 100 Continue} before it sends the body. */
    public boolean expectsContinue() {
        return expectContinue;
    }

    /** The body's length as Content-Length said it (0 without a body), -1 when it comes chunked. */
    public long contentLength() {
        return contentLength;
    }

    /** The target's path (before any {@code ?}), as text (allocates: for routes that serve files). */
    public String path() {
        int end = pathStart;
        while (end < pathEnd && buffer[end] != '?') {
            end++;
        }
        return new String(buffer, pathStart, end - pathStart, StandardCharsets.US_ASCII);
    }

    /** Whether the client speaks HTTP/1.1 (else 1.0). */
    public boolean http11() {
        return http11;
    }

    /** Whether the connection stays open after this request (the version's default, or its Connection header). */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** The body's bytes: {@code body()[0..bodyLength())}. */
    public byte[] body() {
        return body;
    }

    public int bodyLength() {
        return bodyLength;
    }

    /** The method, as text (allocates: for messages only). */
    public String method() {
        return new String(buffer, methodStart, methodEnd - methodStart, StandardCharsets.US_ASCII);
    }

    private boolean equals(int from, int to, byte[] literal) {
        return Bytes.equals(buffer, from, to, literal);
    }
}
