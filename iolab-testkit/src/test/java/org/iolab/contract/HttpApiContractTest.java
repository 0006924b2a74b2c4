package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iolab.contract.HttpContractTest.read;

import org.iolab.apps.http.BodyWriter;
import org.iolab.apps.http.HttpProtocol;
import org.iolab.apps.http.HttpReply;
import org.iolab.apps.http.Router;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP API's promises where they touch a real transport, on every engine: an answer given
 * later from another thread still leaves in request order among pipelined ones, a route that
 * throws gets 500 and its connection serves the next request, and a stream written from another
 * thread arrives whole.
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
