package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iolab.contract.HttpContractTest.read;

import org.iolab.apps.http.BodyWriter;
import org.iolab.apps.http.HttpProtocol;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.RouteOptions;
import org.iolab.apps.http.Router;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.Workers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP API's promises where they touch a real transport, on every engine: an answer given
 * later from another thread still leaves in request order among pipelined ones, a route that
 * throws gets 500 and its connection serves the next request, a stream written from another
 * thread arrives whole, and a route declared blocking runs on a worker, answers in order with
 * its own copy of the request, 500 when it fails or gives no answer, and 503 when the workers
 * are full.
 */
class HttpApiContractTest {

    private static Application app() {
        Router r = new Router()
                .get("/later/{ms}", (req, reply) -> {
                    HttpReply later = reply.later();
                    long ms = Long.parseLong(req.pathParam("ms"));
                    Thread.ofVirtual().start(() -> {
                        sleep(ms);
                        later.send("later " + ms + "\n");
                    });
                })
                .get("/now", (req, reply) -> reply.send("now\n"))
                .route("GET", "/blocking/{ms}", (req, reply) -> { // on a worker: it may sleep
                    sleep(Long.parseLong(req.pathParam("ms")));
                    reply.send("blocking " + req.pathParam("ms") + " for " + req.header("x-n") + "\n");
                }, RouteOptions.BLOCKING)
                .route("GET", "/blocking-silent", (req, reply) -> { }, RouteOptions.BLOCKING)
                .route("GET", "/blocking-boom", (req, reply) -> {
                    throw new IllegalStateException("a blocking route's bug");
                }, RouteOptions.BLOCKING)
                .get("/boom", (req, reply) -> {
                    throw new IllegalStateException("a route's bug");
                })
                .get("/stream", (req, reply) -> {
                    BodyWriter out = reply.stream();
                    Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < 100; i++) {
                            out.write("line " + i + "\n");
                        }
                        out.end();
                    });
                });
        return HttpProtocol.application(r);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void answersGivenLaterLeaveInRequestOrderAndAThrowingRouteGets500(String engine) throws Exception {
        try (Server server = Servers.start(engine, app()); Client c = new Client(server)) {
            c.send("GET /later/200 HTTP/1.1\r\nHost: a\r\n\r\nGET /now HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /later/10 HTTP/1.1\r\nHost: a\r\n\r\nGET /boom HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /now HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(read(c.in).body()).isEqualTo("later 200\n");
            assertThat(read(c.in).body()).isEqualTo("now\n");
            assertThat(read(c.in).body()).isEqualTo("later 10\n");
            assertThat(read(c.in).status()).isEqualTo("HTTP/1.1 500 Internal Server Error");
            assertThat(read(c.in).body()).isEqualTo("now\n");
            c.send("GET /stream HTTP/1.1\r\nHost: a\r\n\r\nGET /now HTTP/1.1\r\nHost: a\r\n\r\n");
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                lines.append("line ").append(i).append('\n');
            }
            assertThat(read(c.in).body()).as("a stream written from another thread").isEqualTo(lines.toString());
            assertThat(read(c.in).body()).isEqualTo("now\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void blockingRoutesAnswerInRequestOrderFromTheirOwnCopyOfTheRequest(String engine) throws Exception {
        try (Server server = Servers.start(engine, app()); Client c = new Client(server)) {
            c.send("GET /blocking/200 HTTP/1.1\r\nHost: a\r\nX-N: 1\r\n\r\nGET /now HTTP/1.1\r\nHost: a\r\nX-N: 2\r\n\r\n"
                    + "GET /blocking/1 HTTP/1.1\r\nHost: a\r\nX-N: 3\r\n\r\nGET /blocking-silent HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /blocking-boom HTTP/1.1\r\nHost: a\r\n\r\nGET /now HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(read(c.in).body()).isEqualTo("blocking 200 for 1\n");
            assertThat(read(c.in).body()).isEqualTo("now\n");
            assertThat(read(c.in).body()).isEqualTo("blocking 1 for 3\n");
            assertThat(read(c.in).status()).as("no answer").isEqualTo("HTTP/1.1 500 Internal Server Error");
            assertThat(read(c.in).status()).as("it threw").isEqualTo("HTTP/1.1 500 Internal Server Error");
            assertThat(read(c.in).body()).isEqualTo("now\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aBlockingRouteTheFullWorkersRefuseIsAnswered503(String engine) throws Exception {
        Workers one = Workers.DEFAULT.withMaxRunning(1).withMaxWaiting(0);
        try (Server server = Servers.start(Servers.config(engine).toBuilder().workers(one).build(), app());
             Client c = new Client(server)) {
            c.send("GET /blocking/300 HTTP/1.1\r\nHost: a\r\n\r\nGET /blocking/1 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(read(c.in).body()).isEqualTo("blocking 300 for null\n");
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                head.append((char) c.in.read());
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 503 Service Unavailable\r\n").containsIgnoringCase("retry-after: 1\r\n");
            assertThat(server.stats().workRefused()).isEqualTo(1);
        }
    }

    /**
     * The same routes over HTTP/2 (prior knowledge): each stream gets its own answer whenever it
     * is given (a later answer from another thread, a stream written from another thread), a
     * throwing route gets 500 and the connection and its other streams go on.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void overHttp2TheSameAnswersComeEachOnItsStream(String engine) throws Exception {
        try (Server server = Servers.start(engine, app()); H2Wire wire = new H2Wire(server)) {
            wire.frames.get(1, "/later/200").get(3, "/now").get(5, "/boom").get(7, "/stream").get(9, "/later/10");
            wire.flush();
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                lines.append("line ").append(i).append('\n');
            }
            assertThat(wire.answer(1)).contains(":status: 200").endsWith("later 200\n");
            assertThat(wire.answer(3)).contains(":status: 200").endsWith("now\n");
            assertThat(wire.answer(5)).contains(":status: 500");
            assertThat(wire.answer(7)).as("a stream written from another thread").contains(":status: 200")
                    .endsWith(lines.toString());
            assertThat(wire.answer(9)).endsWith("later 10\n");
            wire.frames.get(11, "/now");
            wire.flush();
            assertThat(wire.answer(11)).as("the connection goes on").endsWith("now\n");
        }
    }
}
