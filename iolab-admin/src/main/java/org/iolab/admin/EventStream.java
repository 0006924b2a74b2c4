package org.iolab.admin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;
import org.iolab.apps.http.BodyWriter;
import org.iolab.apps.http.HttpReply;

/**
 * One page's server-sent event stream ({@code text/event-stream}): each event of a feed as a
 * {@code data:} line of JSON, until the page leaves; a page that stops reading is let go once
 * {@link #CAP} bytes wait for it, so it cannot hold the server's memory.
 *
 * <p>Thread rule: called on the feed's publishing thread; the body writer takes writes from it.
 */
public final class EventStream<T> implements Consumer<T> {

    /** A page that does not read its events is let go past this much pending output. */
    static final long CAP = 1024 * 1024;
    private static final String TYPE = "text/event-stream";
    private static final byte[] DATA = ascii("data: ");
    private static final byte[] END = ascii("\n\n");

    private final EventFeed<T> feed;
    private final BodyWriter out;
    private final Function<T, byte[]> json;

    private EventStream(EventFeed<T> feed, BodyWriter out, Function<T, byte[]> json) {
        this.feed = feed;
        this.out = out;
        this.json = json;
    }

    /** Answers a request with the stream of {@code feed}'s events from now on, each as {@code json} makes it. */
    public static <T> void open(EventFeed<T> feed, HttpReply reply, Function<T, byte[]> json) {
        feed.listen(new EventStream<>(feed, reply.contentType(TYPE).header("Cache-Control", "no-cache").stream(), json));
    }

    @Override
    public void accept(T event) {
        if (!out.isOpen()) {
            feed.unlisten(this);
        } else if (out.bufferedBytes() > CAP) {
            feed.unlisten(this);
            out.abort(); // let go: it cannot hold the server's memory
        } else {
            byte[] data = json.apply(event);
            ByteBuffer e = ByteBuffer.allocate(DATA.length + data.length + END.length);
            e.put(DATA).put(data).put(END).flip();
            out.write(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
