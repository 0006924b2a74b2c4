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

    /**
     * Runs {@code task} serialized, but never within this call: after whatever the caller is
     * doing (a callback of this or another connection) has returned. For work that may call a
     * protocol back and so must not nest inside the caller, such as delivering held input when
     * reading resumes. Never blocks.
     */
    void serializeLater(Runnable task);

    /** Whether the calling thread is serialized now. */
    boolean isSerialized();
}
