/**
 * The native reactor: one engine over any {@link org.iolab.multiplexer.Multiplexer}, registered as
 * {@code select}, {@code poll} and {@code epoll}. Descriptors, buffers and system calls are
 * raw (through {@code org.iolab.sys}); it uses the event-loop family's
 * {@link org.iolab.engine.event.LoopGroup} and {@link org.iolab.engine.event.Acceptor}, and its
 * connections are {@link org.iolab.engine.event.ReadinessConnection}s.
 */
package org.iolab.engine.reactor;
