package org.iolab.apps.http.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.iolab.apps.DemoRoutes;
import org.iolab.apps.http.HttpProtocol;
import org.iolab.testing.MemoryTransport;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 on a memory transport, frame by frame: a request answered, streams answered as they
 * come, a body streamed both ways, the defences' GOAWAY. The RFC's cases are h2spec's (over real
 * sockets, on every engine, in the CLI's tests); these are the server's own.
 */
class Http2Test {

    private final MemoryTransport t = new MemoryTransport();
    private final HttpProtocol server = new HttpProtocol(DemoRoutes.router());
    private final H2Client client = new H2Client();

    private List<H2Client.Frame> exchange() throws Exception {
        server.dataReceived(client.take());
        return client.read(t.written());
    }

    {
        server.connectionMade(t);
    }

    @Test
    void aGetIsAnsweredWithHeadersThenDataAfterTheServersSettings() throws Exception {
        List<H2Client.Frame> frames = exchange(client.preface(true).get(1, "/plaintext"));
        assertThat(frames.get(0).is(Http2.SETTINGS)).as("the server's preface").isTrue();
        H2Client.Frame headers = frames.stream().filter(f -> f.is(Http2.HEADERS)).findFirst().orElseThrow();
        assertThat(headers.stream()).isEqualTo(1);
        assertThat(headers.fields()).contains(":status: 200", "content-type: text/plain", "content-length: 13");
        H2Client.Frame data = frames.stream().filter(f -> f.is(Http2.DATA)).findFirst().orElseThrow();
        assertThat(data.text()).isEqualTo("Hello, World!");
        assertThat(data.flags() & Http2.END_STREAM).isEqualTo(Http2.END_STREAM);
        assertThat(frames).anyMatch(f -> f.is(Http2.SETTINGS) && (f.flags() & Http2.ACK) != 0);
    }

    private List<H2Client.Frame> exchange(H2Client c) throws Exception {
        return exchange();
    }

    @Test
    void manyStreamsAreAnsweredEachOnItsOwn() throws Exception {
        client.preface(true);
        for (int s = 1; s <= 99; s += 2) {
            client.get(s, "/plaintext");
        }
        List<H2Client.Frame> frames = exchange();
        assertThat(frames.stream().filter(f -> f.is(Http2.DATA)).map(H2Client.Frame::stream).toList()).hasSize(50);
    }

    @Test
    void aBodyStreamsInAndTheAnswerStreamsOut() throws Exception {
        client.preface(true).headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/echo", ":authority", "a")
                .data(1, "hello ", false).data(1, "world", true);
        List<H2Client.Frame> frames = exchange();
        String body = frames.stream().filter(f -> f.is(Http2.DATA)).map(H2Client.Frame::text).reduce("", String::concat);
        assertThat(body).isEqualTo("HELLO WORLD");
    }

    @Test
    void rapidResetEndsTheConnectionWithEnhanceYourCalm() throws Exception {
        client.preface(true);
        for (int s = 1; s < 2 * 400; s += 2) {
            client.get(s, "/plaintext").rst(s, Http2.CANCEL);
        }
        List<H2Client.Frame> frames = exchange();
        H2Client.Frame goaway = frames.stream().filter(f -> f.is(Http2.GOAWAY)).findFirst().orElseThrow();
        assertThat(goaway.code()).isEqualTo(Http2.ENHANCE_YOUR_CALM);
        assertThat(t.isClosed()).isTrue();
    }

    @Test
    void aMalformedRequestResetsItsStreamAndTheConnectionGoesOn() throws Exception {
        client.preface(true).headers(1, true, ":method", "GET", ":scheme", "http", ":path", "/plaintext", "X-Upper", "no")
                .get(3, "/plaintext");
        List<H2Client.Frame> frames = exchange();
        assertThat(frames).anyMatch(f -> f.is(Http2.RST_STREAM) && f.stream() == 1 && f.code() == Http2.PROTOCOL_ERROR);
        assertThat(frames).anyMatch(f -> f.is(Http2.DATA) && f.stream() == 3);
    }

    /**
     * A stream reset mid-body tells its streaming route's sink, and leaves the concurrency count:
     * more such streams than maxConcurrentStreams are all taken, none refused.
     */
    @Test
    void aResetMidBodyAbortsTheSinkAndFreesTheStream() throws Exception {
        java.util.concurrent.atomic.AtomicInteger aborted = new java.util.concurrent.atomic.AtomicInteger();
        org.iolab.apps.http.Router r = new org.iolab.apps.http.Router().streamed("PUT", "/up", (head, reply) -> new org.iolab.apps.http.BodyHandler.Sink() {
            @Override
            public void data(java.nio.ByteBuffer chunk) {
                chunk.position(chunk.limit());
            }

            @Override
            public void end() {
                reply.send("done");
            }

            @Override
            public void aborted() {
                aborted.incrementAndGet();
            }
        });
        MemoryTransport mt = new MemoryTransport();
        HttpProtocol p = new HttpProtocol(r);
        p.connectionMade(mt);
        client.preface(true);
        int streams = Http2Limits.DEFAULTS.maxConcurrentStreams() + 20;
        for (int i = 0; i < streams; i++) {
            int id = 2 * i + 1;
            client.headers(id, false, ":method", "PUT", ":scheme", "http", ":path", "/up", ":authority", "a")
                    .data(id, "part", false).rst(id, Http2.CANCEL);
        }
        p.dataReceived(client.take());
        List<H2Client.Frame> frames = client.read(mt.written());
        assertThat(aborted.get()).isEqualTo(streams);
        assertThat(frames).noneMatch(f -> f.is(Http2.RST_STREAM) || f.is(Http2.GOAWAY));
    }

    /**
     * Answered before its body came (413 for its content-length), a stream is reset with NO_ERROR; the body
     * and trailers the client sent before hearing are ignored (RFC 9113 5.4.2), not taken for
     * errors, and the connection serves on.
     */
    @Test
    void framesTheClientSentBeforeHearingOfAResetAreIgnored() throws Exception {
        client.preface(true).headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/echo", ":authority", "a",
                "content-length", "99999999");
        List<H2Client.Frame> first = exchange();
        assertThat(first).anyMatch(f -> f.is(Http2.HEADERS) && f.fields().contains(":status: 413"));
        assertThat(first).anyMatch(f -> f.is(Http2.RST_STREAM) && f.stream() == 1 && f.code() == Http2.NO_ERROR);
        client.data(1, "late", false).headers(1, true, "x-trailer", "late").get(3, "/plaintext");
        server.dataReceived(client.take());
        List<H2Client.Frame> all = client.read(t.written());
        assertThat(all).noneMatch(f -> f.is(Http2.GOAWAY));
        assertThat(all.stream().filter(f -> f.is(Http2.RST_STREAM)).map(H2Client.Frame::code)).containsExactly(Http2.NO_ERROR);
        assertThat(all).anyMatch(f -> f.is(Http2.DATA) && f.stream() == 3 && f.text().equals("Hello, World!"));
    }
}
