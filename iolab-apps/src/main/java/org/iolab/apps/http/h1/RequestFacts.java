package org.iolab.apps.http.h1;

/**
 * What HTTP/1.1's framing knows of the request being parsed that a route does not read: the
 * target's form, the version, how the body is framed, whether the connection stays open and
 * whether the client waits for {@code 100 Continue}. Reset per request, reused.
 *
 * <p>Thread rule: the connection's callback thread only.
 */
final class RequestFacts {

    /** The request-target's form (RFC 9112 3.2). */
    enum Form {
        /** {@code /path?query}: what clients send to an origin server. */
        ORIGIN,
        /** {@code http://host/path?query}: what clients send to a proxy; a server MUST accept it (3.2.2). */
        ABSOLUTE,
        /** {@code host:port}: CONNECT's. */
        AUTHORITY,
        /** {@code *}: OPTIONS about the server as a whole. */
        ASTERISK
    }

    Form form = Form.ORIGIN;
    /** HTTP/1.1 (or a later 1.x, read as 1.1), else 1.0. */
    boolean http11;
    boolean keepAlive;
    boolean expectContinue;
    boolean chunked;
    /** The body's length by Content-Length (0 without a body), -1 when chunked. */
    long contentLength;
    /** {@code HEAD}: the answer's content is left out (its length kept). */
    boolean head;
}
