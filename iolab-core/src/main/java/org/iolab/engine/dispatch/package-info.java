/**
 * The thread family: {@link org.iolab.engine.dispatch.DispatchEngine} accepts on a blocking
 * socket and hands each connection to a {@link org.iolab.engine.dispatch.Dispatcher}; the
 * engines {@code blocking}, {@code threads}, {@code pool} and {@code virtual} differ only in that
 * dispatcher. A {@code Protocol} is served by a {@link org.iolab.engine.dispatch.BlockingTransport}
 * (an owner thread blocked in {@code read}), a {@code StreamHandler} by a StreamSession.
 */
package org.iolab.engine.dispatch;
