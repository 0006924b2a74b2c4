package org.iolab.apps.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.iolab.testing.MemoryTransport;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API as a route writer meets it, each finding of the first users' trial a test: what
 * cannot be sent safely is refused at the call (response splitting, a status line as a
 * header, content on 204/304), a route that throws gets 500 and its connection goes on, a
 * second answer is an exception that says why, requests read back their headers, query and path
 * parameters, the router answers 404, 405 with Allow, OPTIONS and HEAD, and answers given later
 * leave in request order. On a memory transport; the contract suite runs the cases that touch a
 * real one on every engine.
 */
class HttpApiTest {

    private static final String H = " HTTP/1.1\r\nHost: a\r\n\r\n";

    /** A connection to {@code router}, fed {@code requests} in one read. */
    private static MemoryTransport serve(Router router, String requests) {
        MemoryTransport t = new MemoryTransport();
        HttpProtocol p = new HttpProtocol(router);
        p.connectionMade(t);
        p.dataReceived(ByteBuffer.wrap(requests.getBytes(StandardCharsets.ISO_8859_1)));
        return t;
    }

    private static String answers(MemoryTransport t) {
        return HttpProtocolTest.answers(t);
    }

    @Test
    void aHeaderValueWithCrOrLfIsRefusedAtTheCallNeverWritten() {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        Router r = new Router().get("/x", (req, reply) -> {
            try {
                reply.header("Location", "/x\r\nX-Other: y");
            } catch (IllegalArgumentException e) {
                refused.set(e);
            }
            reply.send("ok\n");
        });
        String out = answers(serve(r, "GET /x" + H));
        assertThat(refused.get()).hasMessageContaining("Location").hasMessageContaining("CR, LF");
        assertThat(out).doesNotContain("X-Other").startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(out.split("\r\n\r\n", -1)).as("one head, one body").hasSize(2);
    }

    @Test
    void answersInARowEachCarryTheirOwnHeadWhateverTheOneBeforeSaid() {
        Router r = new Router().get("/a", (req, reply) -> reply.send("aa\n"))
                .get("/j", (req, reply) -> reply.status(201).contentType(new String("application/json".toCharArray()))
                        .send("{}"))
                .get("/b", (req, reply) -> reply.send("bbbb\n"))
                .get("/h", (req, reply) -> reply.header("X-One", "1").send("aa\n"));
        String out = answers(serve(r, "GET /a" + H + "GET /a" + H + "GET /j" + H + "GET /j" + H + "GET /b" + H
                + "GET /h" + H + "GET /a" + H));
        String[] heads = java.util.Arrays.stream(out.split("HTTP/1.1 ")).filter(h -> !h.isEmpty()).toArray(String[]::new);
        assertThat(heads).hasSize(7);
        for (int i : new int[] {0, 1, 6}) {
            assertThat(heads[i]).as("answer %d", i).startsWith("200 OK\r\n").contains("Content-Type: text/plain")
                    .contains("Content-Length: 3\r\n").doesNotContain("X-One").endsWith("\r\n\r\naa\n");
        }
        for (int i : new int[] {2, 3}) {
            assertThat(heads[i]).as("answer %d", i).startsWith("201 Created\r\n")
                    .contains("Content-Type: application/json").contains("Content-Length: 2\r\n").endsWith("{}");
        }
        assertThat(heads[4]).startsWith("200 OK\r\n").contains("Content-Length: 5\r\n").endsWith("bbbb\n");
        assertThat(heads[5]).startsWith("200 OK\r\n").contains("X-One: 1\r\n").endsWith("aa\n");
        for (String h : heads) {
            assertThat(h.split("Date: ", -1)).as("one Date in %s", h).hasSize(2);
            assertThat(h.split("Server: ", -1)).as("one Server in %s", h).hasSize(2);
        }
    }

    @Test
    void namesMustBeTokensAndValuesMayNotHoldControlsOrNul() {
        HttpReply reply = new HttpReply(NOWHERE);
        for (String name : new String[] {"", "Bad Name", "X:Y", "X\r\nY", "Ünicode", "HTTP/1.1 200 OK"}) {
            assertThatThrownBy(() -> reply.header(name, "v")).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        for (String value : new String[] {"a\rb", "a\nb", "a\u0000b", "a\u0007b", "\u20ac"}) {
            assertThatThrownBy(() -> reply.header("X", value)).as(value).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> reply.contentType("text/plain\r\nX: y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Status.of(200, "OK\r\nX: y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reply.status(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reply.status(600)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reply.status(100)).as("1xx are the server's").isInstanceOf(IllegalArgumentException.class);
        reply.header("X-Fine", "a \t value with spaces, commas; and \u00e9").header("Set-Cookie", "a=1").header("Set-Cookie", "b=2");
        assertThat(reply.head().count()).isEqualTo(3);
    }

    @Test
    void theFramingsOwnFieldsCannotBeSetByARoute() {
        HttpReply reply = new HttpReply(NOWHERE);
        for (String name : new String[] {"Content-Length", "transfer-encoding", "Connection", "Keep-Alive", "Upgrade", "TE"}) {
            assertThatThrownBy(() -> reply.header(name, "1")).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the server's to write");
        }
    }

    @Test
    void noContentAndNotModifiedCarryNeitherContentNorContentLength() {
        Router r = new Router().get("/none", (req, reply) -> reply.status(Status.NO_CONTENT).send())
                .get("/same", (req, reply) -> reply.status(304).header("ETag", "\"v1\"").send())
                .get("/bad", (req, reply) -> reply.status(204).send("content"))
                .get("/empty", (req, reply) -> reply.status(404).send());
        String out = answers(serve(r, "GET /none" + H + "GET /same" + H + "GET /empty" + H));
        String[] heads = out.split("HTTP/1.1 ");
        assertThat(heads[1]).startsWith("204 No Content\r\n").doesNotContain("Content-Length").endsWith("\r\n\r\n");
        assertThat(heads[2]).startsWith("304 Not Modified\r\n").contains("ETag: \"v1\"\r\n").doesNotContain("Content-Length");
        assertThat(heads[3]).startsWith("404 Not Found\r\n").contains("Content-Length: 0\r\n");
        assertThat(answers(serve(r, "GET /bad" + H))).as("content on a 204 is refused: the route fails")
                .startsWith("HTTP/1.1 500 Internal Server Error\r\n");
    }

    @Test
    void aRouteThatThrowsGets500AndTheConnectionServesTheNextRequest() {
        Router r = new Router().get("/boom", (req, reply) -> {
            throw new IllegalStateException("a bug in the route");
        }).get("/npe", (req, reply) -> reply.contentType(null)).get("/ok", (req, reply) -> reply.send("fine\n"));
        MemoryTransport t = serve(r, "GET /boom" + H + "GET /npe" + H + "GET /ok" + H);
        String out = answers(t);
        assertThat(out.split("HTTP/1.1 500 Internal Server Error\r\n", -1)).hasSize(3);
        assertThat(out).endsWith("fine\n");
        assertThat(t.isClosed()).isFalse();
        assertThat(t.isAborted()).isFalse();
    }

    @Test
    void aSecondAnswerIsAnExceptionSayingWhichAnswerCameFirst() {
        AtomicReference<Throwable> second = new AtomicReference<>();
        Router r = new Router().get("/twice", (req, reply) -> {
            reply.send("one\n");
            try {
                reply.send("two\n");
            } catch (IllegalStateException e) {
                second.set(e);
            }
        });
        String out = answers(serve(r, "GET /twice" + H));
        assertThat(second.get()).hasMessageContaining("answered already").hasMessageContaining("send(String)");
        assertThat(out).endsWith("one\n").doesNotContain("two");
    }

    @Test
    void aRouteThatReturnsWithoutAnsweringGets500() {
        Router r = new Router().get("/silent", (req, reply) -> { });
        assertThat(answers(serve(r, "GET /silent" + H))).startsWith("HTTP/1.1 500 ").endsWith("the route gave no answer\n");
    }

    @Test
    void headersQueryAndPathParametersReadBackAsSent() {
        List<String> seen = new ArrayList<>();
        Router r = new Router().get("/items/{id}/tags/{rest...}", (req, reply) -> {
            seen.add(req.pathParam("id"));
            seen.add(req.pathParam("rest"));
            seen.add(req.queryParam("q"));
            seen.add(String.valueOf(req.queryParams("tag")));
            seen.add(String.valueOf(req.queryParam("missing")));
            seen.add(req.rawQuery());
            seen.add(req.header("x-one"));
            seen.add(String.valueOf(req.headers("X-MANY")));
            seen.add(String.valueOf(req.hasHeader("host")));
            seen.add(req.path());
            seen.add(req.rawPath());
            seen.add(req.method() + " " + req.protocol());
            reply.send();
        });
        serve(r, "GET /items/a%20b/tags/x/y%2Fz?q=caf%C3%A9+au+lait&tag=1&tag=2 HTTP/1.1\r\nHost: a\r\nX-One: first\r\n"
                + "x-many: 1\r\nX-Many: 2, 3\r\n\r\n");
        assertThat(seen).containsExactly("a b", "x/y/z", "café au lait", "[1, 2]", "null", "q=caf%C3%A9+au+lait&tag=1&tag=2",
                "first", "[1, 2, 3]".replace("2, 3", "2, 3"), "true", "/items/a b/tags/x/y/z", "/items/a%20b/tags/x/y%2Fz",
                "GET HTTP/1.1");
    }

    @Test
    void headersReadBackWholeWhenTheHeadAndTheBodyComeAcrossManyReads() {
        // the parser leaves a head's fields in its buffer and copies them out only when a read ends mid-request
        List<String> seen = new ArrayList<>();
        Router r = new Router()
                .post("/whole", (req, reply) -> {
                    seen.add(req.header("x-one") + " " + req.headers("x-many") + " " + req.bodyText());
                    reply.send();
                })
                .streamed("POST", "/streamed", (req, reply) -> new BodyHandler.Sink() {
                    @Override
                    public void data(ByteBuffer chunk) {
                        chunk.position(chunk.limit());
                    }

                    @Override
                    public void end() {
                        seen.add(req.header("x-one") + " " + req.headers("x-many"));
                        reply.send();
                    }
                });
        String fields = "Host: a\r\nX-One: first\r\nX-Many: 1\r\nX-Many: 2\r\nContent-Length: 10\r\n\r\n0123456789";
        MemoryTransport t = new MemoryTransport();
        HttpProtocol p = new HttpProtocol(r);
        p.connectionMade(t);
        byte[] all = ("POST /whole HTTP/1.1\r\n" + fields + "POST /streamed HTTP/1.1\r\n" + fields)
                .getBytes(StandardCharsets.ISO_8859_1);
        for (byte b : all) { // a read per byte: every field and the body's every byte in a read of its own
            p.dataReceived(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat(seen).containsExactly("first [1, 2] 0123456789", "first [1, 2]");
        assertThat(answers(t)).startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void aLiteralSegmentMatchesAsSentOrOnceItsEscapesAreDecoded() {
        Router r = new Router().get("/plaintext", (req, reply) -> reply.send("plain\n"))
                .get("/caf\u00e9/menu", (req, reply) -> reply.send("menu\n"));
        assertThat(answers(serve(r, "GET /plaintext" + H))).endsWith("plain\n");
        assertThat(answers(serve(r, "GET /pl%61intext" + H))).endsWith("plain\n");
        assertThat(answers(serve(r, "GET /caf%C3%A9/menu" + H))).endsWith("menu\n");
        assertThat(answers(serve(r, "GET /pl%61inte" + H))).startsWith("HTTP/1.1 404 Not Found\r\n");
        assertThat(answers(serve(r, "GET /plaintexts" + H))).startsWith("HTTP/1.1 404 Not Found\r\n");
    }

    @Test
    void theRouterAnswers404And405WithAllowAndOptionsAndHeadFromGet() {
        Router r = new Router().get("/a", (req, reply) -> reply.send("GET a\n"))
                .post("/a", (req, reply) -> reply.send("POST a\n"))
                .delete("/b/{id}", (req, reply) -> reply.send());
        assertThat(answers(serve(r, "GET /nowhere" + H))).startsWith("HTTP/1.1 404 Not Found\r\n");
        assertThat(answers(serve(r, "PUT /a" + H))).startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
                .contains("Allow: GET, HEAD, POST, OPTIONS\r\n");
        assertThat(answers(serve(r, "GET /b/7" + H))).contains("Allow: DELETE, OPTIONS\r\n");
        assertThat(answers(serve(r, "OPTIONS /a" + H))).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("Allow: GET, HEAD, POST, OPTIONS\r\n");
        String head = answers(serve(r, "HEAD /a" + H));
        assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 6\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void eachRouteHasItsOwnBodyLimit() {
        Router r = new Router().maxBody(10)
                .post("/small", (req, reply) -> reply.send(req.bodyLength() + "\n"))
                .route("POST", "/big", (req, reply) -> reply.send(req.bodyLength() + "\n"), RouteOptions.maxBody(100));
        String body20 = "x".repeat(20);
        assertThat(answers(serve(r, "POST /small HTTP/1.1\r\nHost: a\r\nContent-Length: 20\r\n\r\n" + body20)))
                .startsWith("HTTP/1.1 413 ");
        assertThat(answers(serve(r, "POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 20\r\n\r\n" + body20)))
                .startsWith("HTTP/1.1 200 OK\r\n").endsWith("20\n");
    }

    @Test
    void answersGivenLaterFromAnotherThreadLeaveInRequestOrder() throws Exception {
        List<HttpReply> later = new ArrayList<>();
        Router r = new Router().get("/later/{n}", (req, reply) -> later.add(reply.later()))
                .get("/now", (req, reply) -> reply.send("now\n"));
        MemoryTransport t = new MemoryTransport();
        HttpProtocol p = new HttpProtocol(r);
        p.connectionMade(t);
        p.dataReceived(ByteBuffer.wrap(("GET /later/1" + H + "GET /now" + H + "GET /later/2" + H)
                .getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(t.writtenText()).as("nothing until the first is answered").isEmpty();
        CompletableFuture.runAsync(() -> later.get(1).send("second later\n")).get(5, TimeUnit.SECONDS);
        t.runTasks();
        assertThat(t.writtenText()).as("the second is held behind the first").isEmpty();
        CompletableFuture.runAsync(() -> later.get(0).send("first later\n")).get(5, TimeUnit.SECONDS);
        t.runTasks();
        String out = answers(t);
        assertThat(out.indexOf("first later")).isLessThan(out.indexOf("now\n"));
        assertThat(out.indexOf("now\n")).isLessThan(out.indexOf("second later"));
        assertThat(t.isClosed()).isFalse();
    }

    @Test
    void failWhileAnsweringLaterGives500AndIsLogged() throws Exception {
        AtomicReference<HttpReply> kept = new AtomicReference<>();
        Router r = new Router().get("/job", (req, reply) -> kept.set(reply.later()));
        MemoryTransport t = serve(r, "GET /job" + H);
        CompletableFuture.runAsync(() -> kept.get().fail(new RuntimeException("the job failed"))).get(5, TimeUnit.SECONDS);
        t.runTasks();
        assertThat(answers(t)).startsWith("HTTP/1.1 500 Internal Server Error\r\n");
        assertThatThrownBy(() -> kept.get().send("late")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStreamedAnswerEndsWithTrailers() {
        Router r = new Router().get("/s", (req, reply) -> {
            BodyWriter out = reply.contentType("text/csv").stream();
            out.write("a,b\n");
            out.write("1,2\n");
            out.trailer("X-Rows", "2");
            out.end();
        });
        String out = serve(r, "GET /s" + H).writtenText();
        assertThat(out).contains("Transfer-Encoding: chunked\r\n").endsWith("4\r\na,b\n\r\n4\r\n1,2\n\r\n0\r\nX-Rows: 2\r\n\r\n");
    }

    @Test
    void jsonGoesThroughTheRoutersMapper() {
        JsonMapper fake = new JsonMapper() {
            @Override
            public byte[] write(Object value) {
                return ("{\"v\":\"" + value + "\"}").getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public <T> T read(byte[] json, Class<T> type) {
                return type.cast(new String(json, StandardCharsets.UTF_8).toUpperCase());
            }
        };
        Router r = new Router().jsonMapper(fake).post("/j", (req, reply) -> reply.status(201).json(req.bodyJson(String.class)));
        String out = answers(serve(r, "POST /j HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"));
        assertThat(out).startsWith("HTTP/1.1 201 Created\r\n").contains("Content-Type: application/json\r\n").endsWith("{\"v\":\"HI\"}");
        Router none = new Router().get("/j", (req, reply) -> reply.json("x"));
        assertThat(answers(serve(none, "GET /j" + H))).as("no mapper: the route fails").startsWith("HTTP/1.1 500 ");
    }

    /** A responder that sends nowhere: for the checks that fail before anything is sent. */
    private static final Responder NOWHERE = new Responder() {
        @Override
        public void send(HttpReply reply, ByteBuffer content) {
        }

        @Override
        public void send(HttpReply reply, byte[] content, int offset, int length) {
        }

        @Override
        public BodyWriter stream(HttpReply reply, long length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void upgrade(HttpReply reply, org.iolab.protocol.Protocol next) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public <T> void executeBlocking(java.util.concurrent.Callable<? extends T> task,
                                        java.util.function.BiConsumer<? super T, ? super Throwable> then) {
            try {
                then.accept(task.call(), null);
            } catch (Exception e) {
                then.accept(null, e);
            }
        }

        @Override
        public boolean onConnectionThread() {
            return true;
        }

        @Override
        public CallbackEdges edges() {
            throw new UnsupportedOperationException("no connection: the tasks run at once");
        }
    };

    /** A streamed body that will not end (the connection lost mid-body) is told so: the sink lets go. */
    @Test
    void aSinkHearsWhenItsBodyWillNotEnd() {
        List<String> heard = new ArrayList<>();
        Router r = new Router().streamed("PUT", "/up", (head, reply) -> new BodyHandler.Sink() {
            @Override
            public void data(ByteBuffer chunk) {
                heard.add("data " + chunk.remaining());
                chunk.position(chunk.limit());
            }

            @Override
            public void end() {
                heard.add("end");
            }

            @Override
            public void aborted() {
                heard.add("aborted");
            }
        });
        MemoryTransport t = new MemoryTransport();
        HttpProtocol p = new HttpProtocol(r);
        p.connectionMade(t);
        p.dataReceived(ByteBuffer.wrap("PUT /up HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc"
                .getBytes(StandardCharsets.ISO_8859_1)));
        p.connectionLost(null);
        assertThat(heard).containsExactly("data 3", "aborted");
    }
}
