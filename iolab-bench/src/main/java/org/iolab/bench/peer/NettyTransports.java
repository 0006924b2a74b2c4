package org.iolab.bench.peer;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

/**
 * Netty's transports by the lab's names ({@code nio}, {@code epoll}, {@code iouring}): the IO
 * handler and the server channel of each, or a clear exit where it cannot run here.
 *
 * <p>Thread rule: stateless.
 */
record NettyTransports(IoHandlerFactory io, Class<? extends ServerChannel> channel) {

    /** The transport {@code name}; exits the process (status 1 or 2) when it cannot be had. */
    static NettyTransports of(String name) {
        switch (name) {
            case "nio" -> {
                return new NettyTransports(NioIoHandler.newFactory(), NioServerSocketChannel.class);
            }
            case "epoll" -> {
                if (!Epoll.isAvailable()) {
                    System.err.println("netty epoll is not available here: " + Epoll.unavailabilityCause());
                    System.exit(1);
                }
                return new NettyTransports(EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
            }
            case "iouring" -> {
                if (!IoUring.isAvailable()) {
                    System.err.println("netty io_uring is not available here: " + IoUring.unavailabilityCause());
                    System.exit(1);
                }
                return new NettyTransports(IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class);
            }
            default -> {
                System.err.println("unknown transport " + name + "; nio, epoll or iouring");
                System.exit(2);
                return null;
            }
        }
    }
}
