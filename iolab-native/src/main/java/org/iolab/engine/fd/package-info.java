/**
 * What the native engines (the select/poll/epoll reactor and io_uring) share at the descriptor
 * level: the {@link org.iolab.engine.fd.BoundSocket} they listen on and the
 * {@link org.iolab.engine.fd.FdDatagramTransport} that sends datagrams with {@code sendto} from any
 * thread.
 */
package org.iolab.engine.fd;
