/**
 * The native reactor: one engine over any {@link org.iolab.poller.Poller}, registered as
 * {@code select}, {@code poll} and {@code epoll}. Descriptors, buffers and system calls are
 * raw (through {@code org.iolab.sys}); connections reuse the shared
 * {@link org.iolab.engine.event.EventConnection}.
 */
package org.iolab.engine.reactor;
