package org.iolab.bench.peers;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import org.iolab.apps.Upper;

/**
 * The peer iolab means to beat: a Netty 4.2 upper-case echo server on NIO, native epoll or
 * io_uring, with Netty's defaults, run as its own process by the lab. It upper-cases with the
 * same code as iolab's app, so only the IO stack differs. Prints the lab's listening line.
 *
 * <pre>{@code java -cp iolab.jar org.iolab.bench.peers.NettyUpperServer --transport epoll --port 0 [--threads 1]}</pre>
 */
public final class NettyUpperServer {

    private NettyUpperServer() {
    }

    /** Upper-cases each buffer in place and writes it back; flushes once per read burst. */
    @ChannelHandler.Sharable
    static final class UpperHandler extends BurstHandler {
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
    }

    public static void main(String[] args) throws Exception {
        UpperHandler handler = new UpperHandler();
        NettyTransports.serve(args, "nio", 9000, "upper", group -> { }, b -> { }, p -> p.addLast(handler));
    }
}
