/**
 * io_uring in the spirit of {@code org.iolab.multiplexer}: the mapped {@link org.iolab.uring.Ring}
 * (submit and wait in one call, completions reaped in place, head and tail with acquire and
 * release), a {@link org.iolab.uring.BufferGroup} of provided receive buffers, and the probe
 * ({@link org.iolab.uring.UringSupport}) that says whether it can run here and with which
 * features.
 */
package org.iolab.uring;
