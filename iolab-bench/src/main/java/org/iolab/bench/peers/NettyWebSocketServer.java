package org.iolab.bench.peers;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.iolab.apps.Upper;

/**
 * The lab's WebSocket peer: Netty 4.2's {@code WebSocketServerProtocolHandler} at {@code /ws}
 * (the handshake, control frames and the close done by Netty), and a handler that answers each
 * text or binary message with the same bytes upper-cased, in place, as iolab's ws app does;
 * flushed once per read burst. Prints the lab's listening line.
 *
 * <pre>{@code java -cp iolab.jar org.iolab.bench.peers.NettyWebSocketServer --transport epoll --port 0}</pre>
 */
public final class NettyWebSocketServer {

    private NettyWebSocketServer() {
    }

    /** Upper-cases each message's bytes and writes the frame back. */
    @ChannelHandler.Sharable
    static final class EchoHandler extends BurstHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                ByteBuf b = ((io.netty.buffer.ByteBufHolder) msg).content();
                if (b.nioBufferCount() == 1) {
                    Upper.inPlace(b.nioBuffer(b.readerIndex(), b.readableBytes()));
                }
                ctx.write(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        EchoHandler echo = new EchoHandler();
        NettyTransports.serve(args, "epoll", 8080, "ws", group -> { }, b -> { },
                p -> p.addLast(new HttpServerCodec()).addLast(new HttpObjectAggregator(65536))
                        .addLast(new WebSocketServerProtocolHandler("/ws", null, false, 1 << 20)).addLast(echo));
    }
}
