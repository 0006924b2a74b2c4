package org.iolab.contract;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.iolab.apps.http.h2.H2Client;
import org.iolab.apps.http.h2.Http2;
import org.iolab.server.Server;

/**
 * HTTP/2 frame by frame over a real socket in clear text (prior knowledge): {@link #frames} to
 * compose what to send (hostile frames too), {@link #flush} to send it in one write, {@link
 * #until} to read the server's frames. Reads wait at most {@link Client#TIMEOUT_MS}.
 */
final class H2Wire implements AutoCloseable {

    /** Composes the frames the next {@link #flush} sends. */
    final H2Client frames = new H2Client();
    private final Client client;
    /** What came on each stream ({@link #answer}), and the streams that ended. */
    private final Map<Integer, StringBuilder> transcripts = new HashMap<>();
    private final Set<Integer> ended = new HashSet<>();
    private final Map<Integer, Integer> dataOctets = new HashMap<>();

    /**
     * Connects and sends the preface with an empty SETTINGS; or, when {@code dribbled}, leaves
     * them for the first {@link #dribble}.
     */
    H2Wire(Server server, boolean dribbled) throws IOException {
        client = new Client(server);
        frames.preface(true);
        if (!dribbled) {
            flush();
        }
    }

    H2Wire(Server server) throws IOException {
        this(server, false);
    }

    /** Sends what {@link #frames} holds. */
    H2Wire flush() throws IOException {
        ByteBuffer b = frames.take();
        client.out.write(b.array(), 0, b.limit());
        client.out.flush();
        return this;
    }

    /** Sends what {@link #frames} holds one octet per write (a dribbling peer). */
    H2Wire dribble() throws IOException {
        ByteBuffer b = frames.take();
        for (int i = 0; i < b.limit(); i++) {
            client.out.write(b.array()[i]);
            client.out.flush();
        }
        return this;
    }

    /** The next frame, or {@code null} once the server closed (a reset after its last frame is a close too). */
    H2Client.Frame next() throws IOException {
        try {
            H2Client.Frame f = frames.next(client.in);
            if (f != null && f.stream() != 0) {
                record(f);
            }
            return f;
        } catch (SocketException reset) {
            return null;
        }
    }

    /** Frames read until one matches {@code last} (included) or the server closed. */
    List<H2Client.Frame> until(Predicate<H2Client.Frame> last) throws IOException {
        List<H2Client.Frame> read = new ArrayList<>();
        H2Client.Frame f;
        while ((f = next()) != null) {
            read.add(f);
            if (last.test(f)) {
                break;
            }
        }
        return read;
    }

    /** The server's GOAWAY, reading past whatever comes before it; {@code null} if it closed without one. */
    H2Client.Frame goaway() throws IOException {
        List<H2Client.Frame> read = until(f -> f.is(Http2.GOAWAY));
        return read.isEmpty() || !read.getLast().is(Http2.GOAWAY) ? null : read.getLast();
    }

    /**
     * Stream {@code id}'s answer, waiting until its END_STREAM or RST_STREAM (or the close): its
     * HEADERS fields one per line, then its content, all that came on it however it was read.
     */
    String answer(int id) throws IOException {
        while (!ended.contains(id) && next() != null) {
            // each frame read is kept in its stream's transcript
        }
        return transcripts.getOrDefault(id, new StringBuilder()).toString();
    }

    /** The DATA octets read on stream {@code id} so far (padding included), without waiting. */
    int dataOctets(int id) {
        return dataOctets.getOrDefault(id, 0);
    }

    /** Whether stream {@code id} has ended (END_STREAM or RST_STREAM read), without waiting. */
    boolean ended(int id) {
        return ended.contains(id);
    }

    private void record(H2Client.Frame f) {
        StringBuilder t = transcripts.computeIfAbsent(f.stream(), k -> new StringBuilder());
        if (f.is(Http2.HEADERS)) {
            f.fields().forEach(h -> t.append(h).append('\n'));
        } else if (f.is(Http2.DATA)) {
            t.append(f.text());
            dataOctets.merge(f.stream(), f.payload().length, Integer::sum);
        } else if (f.is(Http2.RST_STREAM)) {
            t.append("RST_STREAM ").append(Http2.errorName(f.code()));
        }
        if (f.is(Http2.RST_STREAM) || f.has(Http2.END_STREAM) && (f.is(Http2.DATA) || f.is(Http2.HEADERS))) {
            ended.add(f.stream());
        }
    }

    /**
     * Reads to the server's close, returning the frames before it; a server that keeps the
     * connection open fails the test with the read's timeout ({@link Client#TIMEOUT_MS}).
     */
    List<H2Client.Frame> toClose() throws IOException {
        return until(f -> false);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
