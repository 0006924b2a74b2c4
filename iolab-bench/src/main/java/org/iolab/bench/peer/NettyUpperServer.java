package org.iolab.bench.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.iolab.apps.Upper;

/**
 * The peer iolab means to beat: a Netty 4.2 upper-case echo server on NIO, native epoll or
 * io_uring, with Netty's defaults, run as its own process by the lab. It upper-cases with the
 * same code as iolab's app, so only the IO stack differs. Prints the lab's listening line.
 *
 * <pre>{@code java -cp iolab.jar org.iolab.bench.peer.NettyUpperServer --transport epoll --port 0 [--threads 1]}</pre>
 */
public final class NettyUpperServer {

    private NettyUpperServer() {
    }

    /** Upper-cases each buffer in place and writes it back; flushes once per read burst. */
    @ChannelHandler.Sharable
    static final class UpperHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            if (buf.nioBufferCount() == 1) {
                Upper.inPlace(buf.nioBuffer(buf.readerIndex(), buf.readableBytes()));
            } else {
                for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
                    byte b = buf.getByte(i);
                    if (b >= 'a' && b <= 'z') {
                        buf.setByte(i, b - 32);
                    }
                }
            }
            ctx.write(buf);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    public static void main(String[] args) throws Exception {
        String transport = "nio";
        int port = 9000;
        int threads = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--transport" -> transport = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("unknown flag " + args[i]);
                    System.exit(2);
                }
            }
        }
        NettyTransports t = NettyTransports.of(transport);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, t.io());
        UpperHandler handler = new UpperHandler();
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            Channel server = new ServerBootstrap().group(group).channel(t.channel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(handler);
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            int bound = ((InetSocketAddress) server.localAddress()).getPort();
            System.out.println("listening on 127.0.0.1:" + bound + " engine=netty-" + transport + " app=upper");
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close().syncUninterruptibly();
                group.shutdownGracefully().syncUninterruptibly();
                stopped.countDown();
            }));
            stopped.await();
        } finally {
            group.shutdownGracefully();
        }
    }
}
