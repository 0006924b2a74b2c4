package org.iolab.bench.peers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/2 peer: Netty 4.2's {@code Http2FrameCodec} (its leanest server API: frames on the
 * connection's channel, no child channel per stream as {@code Http2MultiplexHandler} makes)
 * answering {@code GET /plaintext} with the same pre-built body as the HTTP/1.1 peer, the Date
 * refreshed once a second, one flush per read burst. In clear text with prior knowledge (h2c),
 * or over TLS with ALPN offering {@code h2} alone. Run by hand or by the lab; prints the lab's
 * listening line.
 *
 * <pre>{@code java -cp iolab.jar org.iolab.bench.peers.NettyHttp2Server --transport epoll --port 0 [--threads N]}</pre>
 */
public final class NettyHttp2Server {

    private static final ByteBuf HELLO = Unpooled.unreleasableBuffer(Unpooled.directBuffer()
            .writeBytes("Hello, World!".getBytes(StandardCharsets.US_ASCII)));
    private static final AsciiString SERVER = AsciiString.cached("netty");
    private static final AsciiString TEXT = AsciiString.cached("text/plain");
    private static final AsciiString LENGTH = AsciiString.cached("13");
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static volatile AsciiString date = AsciiString.cached(DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));

    private NettyHttp2Server() {
    }

    /** Answers each request when its stream ends: 200 with the body at /plaintext, 404 elsewhere. */
    @ChannelHandler.Sharable
    static final class HelloHandler extends BurstHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame headers && headers.isEndStream()) {
                    answer(ctx, headers.stream(), headers.headers().path());
                } else if (msg instanceof Http2DataFrame data) {
                    ctx.write(new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes()).stream(data.stream()),
                            ctx.voidPromise());
                    if (data.isEndStream()) {
                        answer(ctx, data.stream(), "");
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private static void answer(ChannelHandlerContext ctx, Http2FrameStream stream, CharSequence path) {
            if ("/plaintext".contentEquals(path)) {
                Http2Headers h = new DefaultHttp2Headers().status("200").set("content-type", TEXT)
                        .set("content-length", LENGTH).set("server", SERVER).set("date", date);
                ctx.write(new DefaultHttp2HeadersFrame(h).stream(stream), ctx.voidPromise());
                ctx.write(new DefaultHttp2DataFrame(HELLO.retainedDuplicate(), true).stream(stream), ctx.voidPromise());
            } else {
                ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("404"), true).stream(stream),
                        ctx.voidPromise());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        HelloHandler handler = new HelloHandler();
        NettyTransports.serve(args, "epoll", 8080, "h2", List.of("h2"),
                group -> group.scheduleAtFixedRate(() -> date = AsciiString.cached(DATE.format(
                        ZonedDateTime.now(ZoneOffset.UTC))), 1, 1, TimeUnit.SECONDS),
                b -> b.option(ChannelOption.SO_BACKLOG, 8192).option(ChannelOption.SO_REUSEADDR, true),
                p -> p.addLast(Http2FrameCodecBuilder.forServer()
                        .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(100)).build())
                        .addLast(handler));
    }
}
