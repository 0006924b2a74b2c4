package org.iolab.engine.dispatch;

/**
 * Where a thread engine runs the work of one connection (or one datagram): the only thing in
 * which {@code blocking}, {@code threads}, {@code pool} and {@code virtual} differ, as
 * socketserver's mixins differ only in {@code process_request}.
 *
 * <p>Thread rule: {@link #dispatch} is called by the engine's accepting thread only.
 */
public interface Dispatcher extends AutoCloseable {

    /** Runs {@code work}, on this thread or another. */
    void dispatch(Runnable work);

    /** Stops the threads this dispatcher made; waits briefly for them. */
    @Override
    void close();
}
