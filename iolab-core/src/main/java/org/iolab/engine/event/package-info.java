/**
 * The event-loop family: {@link org.iolab.engine.event.EventLoop} (a thread, a task queue,
 * timers, an abstract wait), {@link org.iolab.engine.event.LoopGroup} (N loops, loop 0 dealing
 * connections round-robin), {@link org.iolab.engine.event.Acceptor} (accept, deal, back off),
 * {@link org.iolab.engine.event.LoopServer} (start and stop), and the readiness connection,
 * {@link org.iolab.engine.event.ReadinessConnection}, that {@code nio}, {@code polling} and the
 * native select/poll/epoll reactor plug their mechanisms into. {@code iouring} uses the same
 * loops with a completion connection instead.
 *
 * <p>For engine writers, not applications: exported so that an engine in another module can
 * build on it, and free to change between versions (see the module's documentation).
 */
package org.iolab.engine.event;
