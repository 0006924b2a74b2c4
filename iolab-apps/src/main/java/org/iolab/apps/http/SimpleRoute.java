package org.iolab.apps.http;

/**
 * A route of one handler: its body whole ({@code handler}, on a worker when {@code blocking}) or
 * streamed ({@code streaming}), up to {@code maxBody}.
 *
 * <p>Thread rule: immutable.
 */
record SimpleRoute(long maxBody, boolean blocking, HttpHandler handler, BodyHandler streaming)
        implements HttpService.Route {

    @Override
    public boolean streamsBody() {
        return streaming != null;
    }

    @Override
    public BodyHandler.Sink open(HttpRequest head, HttpReply reply) throws Exception {
        if (streaming == null) {
            throw new IllegalStateException("this route takes its body whole");
        }
        return streaming.open(head, reply);
    }

    @Override
    public void handle(HttpRequest request, HttpReply reply) throws Exception {
        if (handler == null) {
            throw new IllegalStateException("this route streams its body");
        }
        if (blocking) {
            BlockingCall.handle(handler, request, reply);
        } else {
            handler.handle(request, reply);
        }
    }
}
