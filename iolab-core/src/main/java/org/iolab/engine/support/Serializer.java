package org.iolab.engine.support;

/**
 * A connection family's concurrency rule, as an object: where the serialized work of a
 * connection runs (see {@link TransportCore}). The readiness family's is its event loop; the
 * completion handlers of nio2 and the thread engines use a {@link SerialLock}.
 *
 * <p>Thread rule: both methods from any thread.
 */
public interface Serializer {

    /** Runs {@code task} serialized: now when the caller may, else soon. Never blocks. */
    void serialize(Runnable task);

    /** Whether the calling thread is serialized now. */
    boolean isSerialized();
}
