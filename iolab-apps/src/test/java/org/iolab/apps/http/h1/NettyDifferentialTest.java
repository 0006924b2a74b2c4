package org.iolab.apps.http.h1;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The same requests, valid and not, through iolab's parser and Netty 4.2's
 * {@code HttpRequestDecoder} (test scope only): where they split a stream into requests, and
 * which they refuse. Every disagreement is listed below with the RFC section that decides it
 * (for iolab, or, in the last two, leaving both answers to the server); the test fails on one
 * not listed, and on a listed one that no longer disagrees. They agree on the rest: both refuse
 * a bare CR, a control or NUL in a value, Content-Length with Transfer-Encoding, chunked not
 * last or twice, Transfer-Encoding in HTTP/1.0, a bad chunk size or overflow, and a ClientHello.
 */
class NettyDifferentialTest {

    private static final String H = "Host: a\r\n";

    /** The corpus: name, bytes. */
    private static final Map<String, String> CORPUS = new LinkedHashMap<>();

    static {
        c("plain GET", "GET / HTTP/1.1\r\n" + H + "\r\n");
        c("two pipelined", "GET /a HTTP/1.1\r\n" + H + "\r\nGET /b HTTP/1.1\r\n" + H + "\r\n");
        c("content-length body", "POST /x HTTP/1.1\r\n" + H + "Content-Length: 3\r\n\r\nabcGET /n HTTP/1.1\r\n" + H + "\r\n");
        c("chunked body", "POST /x HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        c("chunked with extension", "POST /x HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n3;a=b\r\nabc\r\n0\r\n\r\n");
        c("chunked with trailer", "POST /x HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nT: v\r\n\r\n");
        c("leading empty line", "\r\nGET / HTTP/1.1\r\n" + H + "\r\n");
        c("bare LF", "GET / HTTP/1.1\n" + H.replace("\r", "") + "\n");
        c("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n");
        c("absolute form", "GET http://a/x HTTP/1.1\r\n" + H + "\r\n");
        c("asterisk", "OPTIONS * HTTP/1.1\r\n" + H + "\r\n");
        c("header value with tab", "GET / HTTP/1.1\r\n" + H + "X: a\tb\r\n\r\n");
        c("content-length list", "POST /x HTTP/1.1\r\n" + H + "Content-Length: 3, 3\r\n\r\nabc");
        c("chunked, mixed case", "POST /x HTTP/1.1\r\n" + H + "Transfer-Encoding: Chunked\r\n\r\n1\r\na\r\n0\r\n\r\n");
        c("no Host", "GET / HTTP/1.1\r\n\r\n");
        c("two Host lines", "GET / HTTP/1.1\r\n" + H + H + "\r\n");
        c("invalid Host", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n");
        c("method not a token", "GE(T / HTTP/1.1\r\n" + H + "\r\n");
        c("two spaces", "GET  / HTTP/1.1\r\n" + H + "\r\n");
        c("lower-case version", "GET / http/1.1\r\n" + H + "\r\n");
        c("version 2.0", "GET / HTTP/2.0\r\n" + H + "\r\n");
        c("bare CR in the request line", "GET / HTTP/1.1\r" + H + "\r\n");
        c("bare CR in a value", "GET / HTTP/1.1\r\n" + H + "X: a\rb\r\n\r\n");
        c("NUL in a value", "GET / HTTP/1.1\r\n" + H + "X: a\u0000b\r\n\r\n");
        c("control in a value", "GET / HTTP/1.1\r\n" + H + "X: a\u0001b\r\n\r\n");
        c("name not a token", "GET / HTTP/1.1\r\n" + H + "X(A): a\r\n\r\n");
        c("space before the colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n");
        c("obs-fold", "GET / HTTP/1.1\r\n" + H + "X: a\r\n b\r\n\r\n");
        c("CL and TE", "POST /x HTTP/1.1\r\n" + H + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        c("two different CLs", "POST /x HTTP/1.1\r\n" + H + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd");
        c("CL with a sign", "POST /x HTTP/1.1\r\n" + H + "Content-Length: +3\r\n\r\nabc");
        c("chunked not last", "POST /x HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked, gzip\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        c("chunked twice", "POST /x HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        c("TE in HTTP/1.0", "POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        c("bad chunk size", "POST /x HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\nZ\r\n");
        c("chunk size overflow", "POST /x HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n" + "f".repeat(17) + "\r\n");
        c("chunk data too long", "POST /x HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n");
        c("bad chunk extension", "POST /x HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n3;=x\r\nabc\r\n0\r\n\r\n");
        c("a ClientHello", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003");
        c("target with a control", "GET /a\u0001b HTTP/1.1\r\n" + H + "\r\n");
    }

    /**
     * Where the two disagree, and why iolab's answer is the RFC's (Netty is lenient where RFC 9112
     * says a server MUST refuse, or repairs what it should not).
     */
    private static final Map<String, String> DISAGREEMENTS = new TreeMap<>(Map.ofEntries(
            Map.entry("no Host", "RFC 9112 3.2: a server MUST respond 400 to an HTTP/1.1 request that lacks a Host header field"),
            Map.entry("two Host lines", "RFC 9112 3.2: MUST respond 400 to a request with more than one Host field line"),
            Map.entry("invalid Host", "RFC 9112 3.2: MUST respond 400 to a Host field with an invalid value"),
            Map.entry("two spaces", "RFC 9112 3: the request-line's parts are separated by one SP; splitting on any whitespace "
                    + "is a MAY, and iolab refuses rather than guess where a target ends"),
            Map.entry("lower-case version", "RFC 9112 2.3: HTTP-version is case-sensitive (\"HTTP\" is %x48.54.54.50)"),
            Map.entry("version 2.0", "RFC 9110 15.6.6: 505 for a major version the server does not support; Netty passes "
                    + "an HTTP/2.0 request-line on as a request"),
            Map.entry("obs-fold", "RFC 9112 5.2: a server MUST reject a message with obs-fold (400) or replace each with SP; "
                    + "iolab rejects, Netty joins the lines"),
            Map.entry("target with a control", "RFC 9112 3.2 and RFC 3986: a request-target holds no control characters; "
                    + "Netty drops the byte and serves /ab"),
            Map.entry("bad chunk extension", "RFC 9112 7.1.1: chunk-ext-name is a token, and an empty name is none; Netty "
                    + "skips extensions unread"),
            Map.entry("content-length list", "RFC 9110 8.6: a list of one number repeated MAY be taken as that number (iolab, "
                    + "as nginx); Netty refuses it, which the RFC allows too"),
            Map.entry("bare LF", "RFC 9112 2.2: a recipient MAY recognize a single LF as a line terminator (iolab, as nginx); "
                    + "Netty refuses it")));

    private static void c(String name, String request) {
        CORPUS.put(name, request);
    }

    /** What a parser made of a stream: each request's method, target and body, then "refused" if it refused. */
    static List<String> iolab(String input) {
        List<String> out = new ArrayList<>();
        HttpParser p = new HttpParser();
        StringBuilder body = new StringBuilder();
        p.feed(ByteBuffer.wrap(input.getBytes(StandardCharsets.ISO_8859_1)), new HttpParser.Handler() {
            @Override
            public boolean request(org.iolab.apps.http.HttpRequest r) {
                String line = r.method() + " " + r.target();
                out.add(line + " [" + new String(r.bodyBytes(), StandardCharsets.ISO_8859_1) + "]");
                return true;
            }

            @Override
            public void error(org.iolab.apps.http.Status status) {
                out.add("refused");
            }
        });
        return out;
    }

    static List<String> netty(String input) {
        List<String> out = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestDecoder());
        ByteBuf in = Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1);
        ch.writeInbound(in);
        StringBuilder body = new StringBuilder();
        String line = null;
        Object o;
        while ((o = ch.readInbound()) != null) {
            try {
                if (((HttpObject) o).decoderResult().isFailure()) {
                    out.add("refused");
                    break;
                }
                if (o instanceof HttpRequest r) {
                    line = r.method() + " " + r.uri();
                }
                if (o instanceof HttpContent content) {
                    body.append(content.content().toString(StandardCharsets.ISO_8859_1));
                }
                if (o instanceof LastHttpContent) {
                    out.add(line + " [" + body + "]");
                    body.setLength(0);
                }
            } finally {
                ReferenceCountUtil.release(o);
            }
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @Test
    void everyDisagreementWithNettyIsOneTheRfcDecidesForIolab() {
        Map<String, String> found = new TreeMap<>();
        for (Map.Entry<String, String> e : CORPUS.entrySet()) {
            List<String> i = iolab(e.getValue());
            List<String> n = netty(e.getValue());
            if (!i.equals(n)) {
                found.put(e.getKey(), "iolab " + i + ", netty " + n);
            }
        }
        assertThat(found.keySet()).as("disagreements: %s", found).containsExactlyInAnyOrderElementsOf(DISAGREEMENTS.keySet());
    }

    @Test
    void theyAgreeOnTheRestAndIolabRefusesWhatTheRfcSaysToRefuse() {
        assertThat(iolab(CORPUS.get("two pipelined"))).containsExactly("GET /a []", "GET /b []");
        assertThat(iolab(CORPUS.get("content-length body"))).containsExactly("POST /x [abc]", "GET /n []");
        for (String refused : List.of("no Host", "two Host lines", "obs-fold", "CL and TE", "chunked not last", "a ClientHello")) {
            assertThat(iolab(CORPUS.get(refused))).as(refused).containsExactly("refused");
        }
    }
}
