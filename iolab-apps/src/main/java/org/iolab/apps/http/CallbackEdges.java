package org.iolab.apps.http;

import org.iolab.protocol.Transport;

/**
 * The edges of one connection's callbacks, for a framing (HTTP/1.1's, HTTP/2's): which thread is
 * inside one, how deep (a callback may call back into the framing: a route answering inside
 * {@code dataReceived}), and what is done on leaving the outermost (the framing gathers the
 * answers of one read and writes them once, there). A task from another thread (an answer
 * given later) runs on the connection's thread within the same edges.
 *
 * <pre>{@code
 * private final CallbackEdges edges = new CallbackEdges(this::leaving);
 * public void dataReceived(ByteBuffer data) {
 *     edges.enter();
 *     try { parse(data); } finally { edges.exit(); }   // the outermost exit runs leaving()
 * }
 * public void dataReceived(ByteBuffer data) {                  // the same, one call shallower
 *     edges.enter();
 *     try { parse(data); } finally { if (edges.leave()) { try { leaving(); } finally { edges.left(); } } }
 * }
 * }</pre>
 *
 * <p>Thread rule: the connection's callback thread only, but for {@link #onCallbackThread}, which
 * any thread may ask, and {@link #execute}, from any thread once {@link #bind} is done.
 */
public final class CallbackEdges {

    private final Runnable leaving;
    private Transport transport;
    private Thread thread;
    private int depth;

    /** @param leaving what leaving the outermost callback does (the gathered write, the close it decided) */
    public CallbackEdges(Runnable leaving) {
        this.leaving = leaving;
    }

    /** The connection's transport, given once it is made: where {@link #execute} and {@link #executeBlocking} go. */
    public void bind(Transport t) {
        transport = t;
    }

    /** A callback begins. */
    public void enter() {
        if (depth++ == 0) {
            thread = Thread.currentThread();
        }
    }

    /** A callback ends; the outermost runs {@code leaving}. */
    public void exit() {
        if (leave()) {
            try {
                leaving.run();
            } finally {
                left();
            }
        }
    }

    /**
     * {@link #exit} in two halves, for the hot path ({@code dataReceived}): a callback ends,
     * and whether it was the outermost; then the caller does its leaving work itself and calls
     * {@link #left}. One call less deep than {@code exit}'s, which keeps a read down to its
     * {@code send} within the JIT's inlining depth (past it, the FFM call's errno capture
     * allocates a segment per send).
     */
    public boolean leave() {
        return --depth == 0;
    }

    /** The outermost callback's leaving work is done (after {@link #leave} said outermost). */
    public void left() {
        thread = null;
    }

    /** Whether the calling thread is inside one of the connection's callbacks. */
    public boolean onCallbackThread() {
        return thread == Thread.currentThread();
    }

    /** {@code task} on a worker, {@code then} on the connection's thread within the edges ({@link Transport#executeBlocking}). */
    public <T> void executeBlocking(java.util.concurrent.Callable<? extends T> task,
                                    java.util.function.BiConsumer<? super T, ? super Throwable> then) {
        transport.executeBlocking(task, (result, failure) -> {
            enter();
            try {
                then.accept(result, failure);
            } finally {
                exit();
            }
        });
    }

    /** {@code task} on the connection's thread, within the edges ({@link Transport#execute}). */
    public void execute(Runnable task) {
        transport.execute(() -> {
            enter();
            try {
                task.run();
            } finally {
                exit();
            }
        });
    }
}
