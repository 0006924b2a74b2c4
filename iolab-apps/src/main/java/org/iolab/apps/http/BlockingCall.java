package org.iolab.apps.http;

import java.util.concurrent.RejectedExecutionException;

/**
 * A route declared blocking ({@link RouteOptions#BLOCKING}): its handler runs on the server's
 * worker pool ({@code Transport.executeBlocking}), never on the connection's event loop, so a
 * handler that waits on a database or computes for 50 ms stalls no other connection. It reads
 * its own copy of the request (the connection reuses its request for the next one) and answers
 * from the worker as a route that said {@link HttpReply#later} does; the connection's answers
 * still leave in request order. A handler that returns without answering (and without
 * {@code later()}) gets 500, one that throws gets 500 ({@link HttpReply#fail}), and one the
 * pool refuses, full, is answered 503 with {@code Retry-After: 1}.
 *
 * <p>Thread rule: {@link #handle} on the connection's thread; the handler on a worker.
 */
final class BlockingCall {

    private BlockingCall() {
    }

    static void handle(HttpHandler handler, HttpRequest request, HttpReply reply) {
        HttpRequest own = request.copy();
        reply.handOff();
        reply.responder().executeBlocking(() -> {
            handler.handle(own, reply);
            return null;
        }, (none, failure) -> {
            if (failure instanceof RejectedExecutionException) {
                reply.refused();
            } else if (failure != null) {
                reply.fail(failure);
            } else {
                reply.handlerReturned();
            }
        });
    }
}
