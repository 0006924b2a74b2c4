package org.iolab.apps.http.h2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.iolab.apps.http.BodyHandler;
import org.iolab.apps.http.HttpService;
import org.iolab.apps.http.RouteOptions;
import org.iolab.apps.http.Status;

/**
 * A stream's request, from its header block to its route: a new stream opened (its id odd and
 * higher than any before, 5.1.1; refused past the concurrency limit), its header list decoded
 * and checked ({@link RequestHeaders}), refused with 431 past the list limit, its route chosen,
 * its body taken whole (413 past the route's limit) or streamed to the route, checked against its
 * content-length (8.1.1), trailers at its end; then the route is called.
 *
 * <p>Thread rule: its connection's callback thread.
 */
final class StreamStart {

    private static final HttpService.Route CONNECT = HttpService.Route.of((req, reply) -> reply
            .status(Status.METHOD_NOT_ALLOWED).header("Allow", "GET, HEAD, POST, OPTIONS").contentType("text/plain")
            .send("Method Not Allowed\n".getBytes(StandardCharsets.US_ASCII)), RouteOptions.DEFAULT);
    private static final BodyHandler.Sink DISCARD = new BodyHandler.Sink() {
        @Override
        public void data(ByteBuffer chunk) {
            chunk.position(chunk.limit());
        }

        @Override
        public void end() {
        }
    };

    private final Http2Connection c;
    private final HpackDecoder decoder;
    private final RequestHeaders fields = new RequestHeaders();

    StreamStart(Http2Connection c, HpackDecoder decoder) {
        this.c = c;
        this.decoder = decoder;
    }

    /** A whole header block for {@code stream}: a new request, or trailers. */
    void headers(int stream, boolean endStream, boolean selfDependent, byte[] block, int length) throws Http2Exception {
        H2Stream s = c.streams.get(stream);
        if (s != null) {
            trailers(s, endStream, block, length);
            return;
        }
        if (stream <= c.lastStreamId && c.resetHere(stream)) {
            fields.startTrailers();
            decoder.decode(block, 0, length, fields); // ignored, but decoded: the table stays in step
            return;
        }
        if (stream <= c.lastStreamId) {
            throw Http2Exception.connection(Http2.STREAM_CLOSED, "HEADERS on a closed stream (5.1)");
        }
        if ((stream & 1) == 0) {
            throw Http2Exception.connection(Http2.PROTOCOL_ERROR, "a client's stream id must be odd (5.1.1)");
        }
        c.lastStreamId = stream;
        s = new H2Stream(c);
        s.open(stream, c.output.peerInitialWindow(), c.limits().streamWindow());
        fields.startRequest(s.request, c.remote, c.applicationProtocol());
        boolean fits = decoder.decode(block, 0, length, fields); // decoded even when refused: the table stays in step
        if (c.goaway) {
            return; // past GOAWAY: ignored (6.8)
        }
        if (selfDependent) {
            c.resetUnknown(stream, Http2.PROTOCOL_ERROR); // a stream cannot depend on itself (5.3.1)
            return;
        }
        if (c.active >= c.limits().maxConcurrentStreams()) {
            c.defences.count("refusedStream");
            c.reset(stream, Http2.REFUSED_STREAM);
            return;
        }
        c.streams.put(stream, s);
        c.active++;
        if (++c.opened >= c.limits().maxStreams()) {
            c.goAway("this connection has served its streams");
        }
        s.remoteEnded = endStream;
        String malformed = fields.finish();
        if (malformed == null && endStream && s.request.contentLength() > 0) {
            malformed = "a content-length with no content";
        }
        if (malformed != null) {
            c.resetByServer(s, Http2.PROTOCOL_ERROR, true);
            return;
        }
        if (!fits) {
            c.defences.count("headerListTooLarge");
            refuse(s, Status.REQUEST_HEADER_FIELDS_TOO_LARGE);
            return;
        }
        s.head = s.request.methodIs("HEAD");
        route(s);
        if (endStream) {
            finish(s);
        }
    }

    private void route(H2Stream s) {
        try {
            s.route = fields.connect() ? CONNECT : c.service.route(s.request, s.reply);
        } catch (RuntimeException e) {
            s.reply.fail(e);
            return;
        }
        if (s.request.contentLength() > s.route.maxBody()) {
            refuse(s, Status.CONTENT_TOO_LARGE);
            return;
        }
        if (s.route.streamsBody()) {
            s.routed = true;
            try {
                s.sink = s.route.open(s.request, s.reply);
            } catch (Exception | StackOverflowError e) {
                s.reply.fail(e);
                s.sink = DISCARD;
            }
        }
    }

    /** A status of the server's own (431, 413), its reason as the content. */
    private static void refuse(H2Stream s, Status status) {
        s.reply.status(status).contentType("text/plain").send((status.reason() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Content of {@code s}'s body ({@code end}: the last). */
    void body(H2Stream s, ByteBuffer data, boolean end) {
        int n = data.remaining();
        s.received += n;
        long declared = s.request.contentLength();
        if (declared >= 0 && s.received > declared) {
            c.resetByServer(s, Http2.PROTOCOL_ERROR, true); // more than its content-length (8.1.1)
            return;
        }
        if (s.sink != null) {
            try {
                s.sink.data(data);
            } catch (Exception | StackOverflowError e) {
                s.reply.fail(e);
                s.sink = DISCARD;
            }
        } else if (s.route != null && !s.reply.isAnswered()) {
            if (s.request.bodyLength() + (long) n > s.route.maxBody()) {
                refuse(s, Status.CONTENT_TOO_LARGE);
            } else {
                s.request.appendBody(data.array(), data.arrayOffset() + data.position(), n);
            }
        }
        if (end && !s.reset) {
            s.remoteEnded = true;
            if (declared >= 0 && s.received != declared) {
                c.resetByServer(s, Http2.PROTOCOL_ERROR, true); // less than its content-length (8.1.1)
                return;
            }
            finish(s);
        }
    }

    private void trailers(H2Stream s, boolean endStream, byte[] block, int length) throws Http2Exception {
        fields.startTrailers();
        decoder.decode(block, 0, length, fields);
        if (s.remoteEnded) {
            c.resetByServer(s, Http2.STREAM_CLOSED, true); // HEADERS on a half-closed (remote) stream (5.1)
        } else if (!endStream || fields.finish() != null) {
            c.resetByServer(s, Http2.PROTOCOL_ERROR, true); // trailers end the stream, and are fields (8.1)
        } else {
            body(s, ByteBuffer.allocate(0), true);
        }
    }

    /** The request is whole: its route answers (a streamed body's sink is told it ended). */
    private void finish(H2Stream s) {
        if (s.route == null || s.reply.isAnswered() && !s.routed) {
            if (s.localEnded) {
                c.close(s); // answered already (413, 431, a failed route): done both ways now
            }
            return;
        }
        s.routed = true;
        try {
            if (s.sink != null) {
                s.sink.end();
            } else {
                s.route.handle(s.request, s.reply);
            }
        } catch (Exception | StackOverflowError e) {
            s.reply.fail(e);
        }
        s.reply.routeReturned(); // 500 if it neither answered nor said it answers later
    }
}
