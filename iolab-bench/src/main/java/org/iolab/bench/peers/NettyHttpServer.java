package org.iolab.bench.peers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP peer: Netty 4.2 serving TechEmpower's plaintext and json routes the way TechEmpower's
 * Netty entry does: {@code HttpServerCodec}, one handler answering each request with a
 * pre-built response whose body buffer is shared ({@code retainedDuplicate}), the Date header
 * refreshed once a second on the event loop, one flush per read burst
 * ({@code channelReadComplete}). Run by hand or by the lab; prints the lab's listening line.
 *
 * <pre>{@code java -cp iolab.jar org.iolab.bench.peers.NettyHttpServer --transport epoll --port 0 [--threads N]}</pre>
 */
public final class NettyHttpServer {

    private static final ByteBuf HELLO = Unpooled.unreleasableBuffer(Unpooled.directBuffer()
            .writeBytes("Hello, World!".getBytes(StandardCharsets.US_ASCII)));
    private static final ByteBuf JSON = Unpooled.unreleasableBuffer(Unpooled.directBuffer()
            .writeBytes("{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.US_ASCII)));
    private static final AsciiString SERVER = AsciiString.cached("netty");
    private static final AsciiString TEXT = AsciiString.cached("text/plain");
    private static final AsciiString JSON_TYPE = AsciiString.cached("application/json");
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static volatile AsciiString date = AsciiString.cached(DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));

    private NettyHttpServer() {
    }

    /** Answers /plaintext and /json with pre-built bodies, 404 otherwise; flushes per read burst. */
    @ChannelHandler.Sharable
    static final class HelloHandler extends BurstHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest request) {
                    String uri = request.uri();
                    FullHttpResponse response;
                    if (uri.equals("/plaintext")) {
                        response = ok(HELLO.retainedDuplicate(), TEXT);
                    } else if (uri.equals("/json")) {
                        response = ok(JSON.retainedDuplicate(), JSON_TYPE);
                    } else {
                        response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
                                Unpooled.EMPTY_BUFFER, false);
                        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO);
                    }
                    if (!HttpUtil.isKeepAlive(request)) {
                        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                        ctx.write(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
                    } else {
                        ctx.write(response, ctx.voidPromise());
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private static FullHttpResponse ok(ByteBuf body, AsciiString type) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body, false);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, type).set(HttpHeaderNames.SERVER, SERVER)
                    .set(HttpHeaderNames.DATE, date).set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            return r;
        }
    }

    public static void main(String[] args) throws Exception {
        HelloHandler handler = new HelloHandler();
        NettyTransports.serve(args, "epoll", 8080, "http",
                group -> group.scheduleAtFixedRate(() -> date = AsciiString.cached(DATE.format(
                        ZonedDateTime.now(ZoneOffset.UTC))), 1, 1, TimeUnit.SECONDS),
                b -> b.option(ChannelOption.SO_BACKLOG, 8192).option(ChannelOption.SO_REUSEADDR, true),
                p -> p.addLast(new HttpServerCodec(4096, 8192, 8192, false)).addLast(handler));
    }
}
