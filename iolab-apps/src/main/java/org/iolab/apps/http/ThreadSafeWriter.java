package org.iolab.apps.http;

import java.nio.ByteBuffer;

/**
 * The {@link BodyWriter} a route gets: every call runs on the connection's callback thread,
 * inline when made there and handed over (its bytes copied) when made from another thread, so
 * a framing's writer is only ever touched by its connection. Handed-over calls keep their order.
 *
 * <p>Thread rule: any thread, one at a time (see {@link BodyWriter}).
 */
final class ThreadSafeWriter implements BodyWriter {

    private final HttpReply reply;
    private final Responder responder;
    /** The framing's writer, set on the connection's thread once the head is sent. */
    private volatile BodyWriter framed;
    private volatile boolean finished;

    ThreadSafeWriter(HttpReply reply, Responder responder) {
        this.reply = reply;
        this.responder = responder;
    }

    void begin(BodyWriter w) {
        framed = w;
    }

    /** Runs {@code task} on the connection's thread: now when there, else after what was handed over before. */
    void run(Runnable task) {
        if (responder.onConnectionThread()) {
            task.run();
        } else {
            responder.execute(task);
        }
    }

    @Override
    public void write(ByteBuffer data) {
        if (finished) {
            data.position(data.limit());
            return;
        }
        if (responder.onConnectionThread() && framed != null) {
            framed.write(data);
        } else {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            responder.execute(() -> framed.write(copy));
        }
    }

    @Override
    public void trailer(String name, String value) {
        Syntax.checkName(name);
        Syntax.checkValue(name, value);
        if (finished) {
            throw new IllegalStateException("the content has ended: a trailer comes before end()");
        }
        run(() -> framed.trailer(name, value));
    }

    @Override
    public void end() {
        if (!finished) {
            finished = true;
            reply.streamEnded();
            run(() -> framed.end());
        }
    }

    @Override
    public void abort() {
        if (!finished) {
            finished = true;
            reply.streamEnded();
            run(() -> framed.abort());
        }
    }

    @Override
    public boolean isWritable() {
        BodyWriter w = framed;
        return w == null || w.isWritable();
    }

    @Override
    public long bufferedBytes() {
        BodyWriter w = framed;
        return w == null ? 0 : w.bufferedBytes();
    }

    @Override
    public boolean isOpen() {
        BodyWriter w = framed;
        return !finished && (w == null || w.isOpen());
    }
}
