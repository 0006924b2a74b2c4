package org.iolab.bench.peers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.iolab.apps.HeavyEcho;

/**
 * The heavy app ({@link HeavyEcho}) on Netty 4.2, for the lab's heavy-handler scenarios: bytes
 * echoed upper-cased, a {@code !burn MS} or {@code !sleep MS} line answered once its work is
 * done. On the channel's event loop by default; with {@code --offload}, the way Netty's users
 * take work off the loop: the handler added with a {@link DefaultEventExecutorGroup} (16
 * threads, Netty's usual size), which runs every callback of a channel on one of its threads, so
 * a channel that blocks its thread stalls the other channels that thread serves.
 *
 * <pre>{@code java -cp iolab.jar org.iolab.bench.peers.NettyHeavyServer --transport epoll --port 0 [--threads 1] [--offload]}</pre>
 */
public final class NettyHeavyServer {

    private static final int MAX_COMMAND = 32;
    static final int EXECUTORS = 16;

    private NettyHeavyServer() {
    }

    /** One channel's: its command being read ({@code !...} up to the line's end), if any. */
    static final class HeavyHandler extends BurstHandler {
        private StringBuilder command;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                int from = buf.readerIndex();
                for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
                    byte b = buf.getByte(i);
                    if (command != null) {
                        if (b == '\n') {
                            answer(ctx, command.toString(), true);
                            command = null;
                            from = i + 1;
                        } else if (command.append((char) b).length() == MAX_COMMAND) {
                            answer(ctx, command.toString(), false);
                            command = null;
                            from = i + 1;
                        }
                    } else if (b == '!') {
                        echo(ctx, buf, from, i);
                        command = new StringBuilder("!");
                    }
                }
                if (command == null) {
                    echo(ctx, buf, from, buf.writerIndex());
                }
            } finally {
                buf.release();
            }
        }

        private static void echo(ChannelHandlerContext ctx, ByteBuf buf, int from, int to) {
            if (to <= from) {
                return;
            }
            byte[] bytes = new byte[to - from];
            buf.getBytes(from, bytes);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] >= 'a' && bytes[i] <= 'z') {
                    bytes[i] -= 32;
                }
            }
            ctx.write(Unpooled.wrappedBuffer(bytes));
        }

        private static void answer(ChannelHandlerContext ctx, String text, boolean wholeLine) {
            HeavyEcho.Work work = wholeLine ? HeavyEcho.Work.parse(text) : null;
            if (work != null) {
                work.run();
            }
            String out = text.toUpperCase(Locale.ROOT) + (wholeLine ? "\n" : "");
            ctx.write(Unpooled.wrappedBuffer(out.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean offload = rest.remove("--offload");
        EventExecutorGroup executors = offload ? new DefaultEventExecutorGroup(EXECUTORS) : null;
        NettyTransports.serve(rest.toArray(String[]::new), "nio", 9000, offload ? "heavy-offload" : "heavy",
                group -> { }, b -> { },
                p -> {
                    if (executors != null) {
                        p.addLast(executors, new HeavyHandler());
                    } else {
                        p.addLast(new HeavyHandler());
                    }
                });
    }
}
