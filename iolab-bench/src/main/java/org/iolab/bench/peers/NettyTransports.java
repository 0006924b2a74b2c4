package org.iolab.bench.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.List;
import javax.net.ssl.SSLException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Netty's transports by the lab's names ({@code nio}, {@code epoll}, {@code iouring}): the IO
 * handler and the server channel of each, or a clear exit where it cannot run here; and the
 * peers' shared {@code main}: their flags, the bootstrap, the lab's listening line, the stop.
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

    /**
     * Serves until SIGTERM: {@code --transport T --port P [--threads N]} (defaults given), a
     * loop group of that transport, child channels with TCP_NODELAY and {@code pipeline}'s
     * handlers, on 127.0.0.1; prints {@code listening on 127.0.0.1:PORT engine=netty-T app=APP}.
     * With {@code --tls-cert PEM --tls-key PEM [--ssl-provider jdk|openssl]} every connection
     * speaks TLS first, through Netty's {@code SslHandler} on the JDK's SSLEngine or on
     * OpenSSL (BoringSSL, netty-tcnative), TLS 1.3 and 1.2, Netty's default suites.
     *
     * @param group called with the loop group before binding (a peer's timers)
     * @param options more bootstrap options
     */
    static void serve(String[] args, String transport, int port, String app, Consumer<EventLoopGroup> group,
                      Consumer<ServerBootstrap> options, Consumer<ChannelPipeline> pipeline) throws InterruptedException {
        serve(args, transport, port, app, List.of(), group, options, pipeline);
    }

    /** {@link #serve} with {@code alpn}, the protocols TLS offers (none: no ALPN). */
    static void serve(String[] args, String transport, int port, String app, List<String> alpn,
                      Consumer<EventLoopGroup> group, Consumer<ServerBootstrap> options, Consumer<ChannelPipeline> pipeline)
            throws InterruptedException {
        int threads = 0;
        String cert = null;
        String key = null;
        String provider = "jdk";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--transport" -> transport = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--tls-cert" -> cert = args[i + 1];
                case "--tls-key" -> key = args[i + 1];
                case "--ssl-provider" -> provider = args[i + 1];
                default -> {
                    System.err.println("unknown flag " + args[i]);
                    System.exit(2);
                }
            }
        }
        SslContext tls = cert == null ? null : tls(cert, key, provider, alpn);
        NettyTransports t = of(transport);
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(threads, t.io());
        group.accept(loops);
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            ServerBootstrap b = new ServerBootstrap().group(loops).channel(t.channel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (tls != null) {
                                ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                            }
                            pipeline.accept(ch.pipeline());
                        }
                    });
            options.accept(b);
            Channel server = b.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            int bound = ((InetSocketAddress) server.localAddress()).getPort();
            System.out.println("listening on 127.0.0.1:" + bound + " engine=netty-" + transport + " app=" + app
                    + (tls == null ? "" : " tls=" + provider));
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close().syncUninterruptibly();
                loops.shutdownGracefully().syncUninterruptibly();
                stopped.countDown();
            }));
            stopped.await();
        } finally {
            loops.shutdownGracefully();
        }
    }

    /** Netty's server context for the PEM files, on the JDK's provider or OpenSSL's; exits when OpenSSL is missing. */
    private static SslContext tls(String cert, String key, String provider, List<String> alpn) {
        SslProvider p = switch (provider) {
            case "jdk" -> SslProvider.JDK;
            case "openssl" -> SslProvider.OPENSSL;
            default -> {
                System.err.println("unknown --ssl-provider " + provider + "; jdk or openssl");
                System.exit(2);
                yield null;
            }
        };
        if (p == SslProvider.OPENSSL && !OpenSsl.isAvailable()) {
            System.err.println("netty's OpenSSL provider is not available here: " + OpenSsl.unavailabilityCause());
            System.exit(1);
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(new File(cert), new File(key)).sslProvider(p)
                    .protocols("TLSv1.3", "TLSv1.2");
            if (!alpn.isEmpty()) {
                b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
            }
            return b.build();
        } catch (SSLException e) {
            System.err.println("netty cannot serve TLS with " + cert + " and " + key + ": " + e.getMessage());
            System.exit(1);
            return null;
        }
    }
}
