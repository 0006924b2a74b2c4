/**
 * The Netty 4.2 peers the lab measures iolab against, each run in a process of its own: the
 * upper echo ({@link org.iolab.bench.peers.NettyUpperServer}) and HTTP built like TechEmpower's
 * Netty entry ({@link org.iolab.bench.peers.NettyHttpServer}), on NIO, epoll or io_uring
 * ({@link org.iolab.bench.peers.NettyTransports}).
 */
package org.iolab.bench.peers;
