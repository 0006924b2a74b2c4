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

    byte[] buffer = new byte[256]; // the request line
    int methodStart;
    int methodEnd;
    int pathStart;
    int pathEnd;
    boolean http11;
    boolean keepAlive;
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

    /** Whether the target's path (before any {@code ?}) is {@code path}. */
    public boolean pathIs(byte[] path) {
        int end = pathStart;
        while (end < pathEnd && buffer[end] != '?') {
            end++;
        }
        return equals(pathStart, end, path);
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
