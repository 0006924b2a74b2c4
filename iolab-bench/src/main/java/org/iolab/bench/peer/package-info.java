/**
 * The Netty 4.2 peers the lab measures iolab against, each run in a process of its own: the
 * upper echo ({@link org.iolab.bench.peer.NettyUpperServer}) and HTTP built like TechEmpower's
 * Netty entry ({@link org.iolab.bench.peer.NettyHttpServer}), on NIO, epoll or io_uring
 * ({@link org.iolab.bench.peer.NettyTransports}).
 */
package org.iolab.bench.peer;
