/**
 * What every engine shares, whatever its IO model: the {@link org.iolab.engine.support.TransportCore}
 * (pending output, writability, pause and resume, the closing sequence, the callback guard),
 * the bounded {@link org.iolab.engine.support.OutputQueue}, the
 * {@link org.iolab.engine.support.ConnectionSet} behind the connection limit and the graceful
 * stop, the {@link org.iolab.engine.support.RunningServer} that stops every engine the same way,
 * the accept back-off ({@link org.iolab.engine.support.AcceptErrors}) and the listen helpers.
 *
 * <p>For engine writers, not applications: exported so that an engine in another module can
 * build on it, and free to change between versions (see the module's documentation).
 */
package org.iolab.engine.support;
