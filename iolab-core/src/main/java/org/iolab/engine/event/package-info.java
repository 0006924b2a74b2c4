/**
 * The reactor family's shared parts: {@link org.iolab.engine.event.EventLoop} (a thread, a task
 * queue, timers, an abstract wait) and {@link org.iolab.engine.event.EventConnection} (the
 * non-blocking transport with backpressure and the close state machine). The {@code nio} and
 * {@code polling} engines, and the FFM reactors, plug readiness mechanisms into them.
 */
package org.iolab.engine.event;
