package org.iolab.apps.http.h2;

/**
 * An error of HTTP/2 (RFC 9113 5.4): of the connection (GOAWAY with the code, then the close) or
 * of one stream (RST_STREAM with the code; the connection goes on). Made without a stack trace:
 * a peer's error is news, not a bug.
 *
 * <p>Thread rule: immutable.
 */
final class Http2Exception extends Exception {

    final int code;
    /** The stream it ends, or 0 for the connection. */
    final int stream;

    private Http2Exception(int code, int stream, String message) {
        super(message, null, false, false);
        this.code = code;
        this.stream = stream;
    }

    static Http2Exception connection(int code, String message) {
        return new Http2Exception(code, 0, message);
    }

    static Http2Exception stream(int stream, int code, String message) {
        return new Http2Exception(code, stream, message);
    }

    boolean ofConnection() {
        return stream == 0;
    }
}
