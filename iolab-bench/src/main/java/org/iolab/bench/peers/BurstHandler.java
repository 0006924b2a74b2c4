package org.iolab.bench.peers;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * What both peers' handlers do alike, Netty's idiom for a server that answers as it reads: the
 * answers written during a read burst are flushed once, when the burst ends
 * ({@code channelReadComplete}), and a connection that fails is closed.
 *
 * <p>Thread rule: called on the channel's event loop.
 */
abstract class BurstHandler extends ChannelInboundHandlerAdapter {

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
