/**
 * The {@code iouring} engine: event loops over io_uring (through {@code org.iolab.uring} and the
 * FFM facades of {@code org.iolab.sys}), with completion connections
 * ({@link org.iolab.engine.completion.CompletionConnection}) whose reads and writes are requests
 * in the loop's ring.
 */
package org.iolab.engine.iouring;
