package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.iolab.apps.Apps;
import org.iolab.apps.DemoRoutes;
import org.iolab.apps.http.HttpProtocol;
import org.iolab.apps.http.h2.H2Client;
import org.iolab.apps.http.h2.Http2;
import org.iolab.apps.http.h2.Http2Limits;
import org.iolab.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTTP/2's defences on every engine, each attack of 2023-2025 sent as raw frames over a real
 * socket: the attacker gets GOAWAY with ENHANCE_YOUR_CALM (or its stream refused), the defence
 * is counted in the server's stats ({@code h2.NAME}), and another client is still served. The
 * limits are {@link Http2Limits#DEFAULTS} unless a case says otherwise.
 */
class Http2DefenceContractTest {

    private static Server http(String engine) {
        return Servers.start(engine, Apps.create("http", false));
    }

    private static final String POST_ECHO = "/echo";

    /** Opens stream {@code id} with a POST whose body is still to come. */
    private static H2Client post(H2Wire wire, int id) {
        return wire.frames.headers(id, false, ":method", "POST", ":scheme", "http", ":path", POST_ECHO, ":authority", "a");
    }

    /** The attack ends in GOAWAY(ENHANCE_YOUR_CALM) then the close; the defence is counted; the server serves on. */
    private static void assertCalmed(Server server, H2Wire attacker, String defence) throws Exception {
        H2Client.Frame goaway = attacker.goaway();
        assertThat(goaway).as("GOAWAY").isNotNull();
        assertThat(Http2.errorName(goaway.code())).as(goaway.text()).isEqualTo("ENHANCE_YOUR_CALM");
        attacker.toClose();
        assertCounted(server, defence);
        assertServesAnother(server);
    }

    static void assertCounted(Server server, String defence) throws InterruptedException {
        long deadline = System.nanoTime() + Client.TIMEOUT_MS * 1_000_000L;
        while (server.stats().events().getOrDefault("h2." + defence, 0L) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20); // the processes engine sums its workers' counters now and then
        }
        assertThat(server.stats().events()).as("the server's counters").containsKey("h2." + defence);
    }

    static void assertServesAnother(Server server) throws IOException {
        try (H2Wire other = new H2Wire(server)) {
            other.frames.get(1, "/plaintext");
            assertThat(other.flush().answer(1)).contains(":status: 200").endsWith("Hello, World!");
        }
    }

    /** CVE-2023-44487: streams opened and cancelled at once, more than resetsByPeer in the window. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void rapidReset(String engine) throws Exception {
        try (Server server = http(engine); H2Wire wire = new H2Wire(server)) {
            for (int id = 1; id < 2 * 300; id += 2) {
                post(wire, id).rst(id, Http2.CANCEL);
            }
            wire.flush();
            assertCalmed(server, wire, "rapidReset");
        }
    }

    /** CVE-2025-8671: frames that make the server reset the stream (WINDOW_UPDATE of 0), more than resetsByServer. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void madeYouReset(String engine) throws Exception {
        try (Server server = http(engine); H2Wire wire = new H2Wire(server)) {
            for (int id = 1; id < 2 * 150; id += 2) {
                post(wire, id).windowUpdate(id, 0);
            }
            wire.flush();
            assertCalmed(server, wire, "madeYouReset");
        }
    }

    /** CVE-2024-27316 and kin: a header block that never ends, of empty CONTINUATION frames. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void continuationFlood(String engine) throws Exception {
        try (Server server = http(engine); H2Wire wire = new H2Wire(server)) {
            wire.frames.frame(Http2.HEADERS, Http2.END_STREAM, 1, H2Client.block(":method", "GET", ":scheme", "http"));
            for (int i = 0; i < 100; i++) {
                wire.frames.frame(Http2.CONTINUATION, 0, 1, new byte[0]);
            }
            wire.flush();
            assertCalmed(server, wire, "continuationFlood");
        }
    }

    /** A header block over maxHeaderBlock octets (buffered before HPACK can judge it). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void aHeaderBlockTooLarge(String engine) throws Exception {
        try (Server server = http(engine); H2Wire wire = new H2Wire(server)) {
            wire.frames.frame(Http2.HEADERS, Http2.END_STREAM, 1, new byte[16_000]);
            for (int i = 0; i < 9; i++) {
                wire.frames.frame(Http2.CONTINUATION, 0, 1, new byte[16_000]);
            }
            wire.flush();
            assertCalmed(server, wire, "headerBlockTooLarge");
        }
    }

    /**
     * An HPACK bomb: one large field put in the dynamic table, then named by its index again and
     * again, a small block that decodes past maxHeaderListSize. The stream gets 431; the
     * connection, whose table stayed in step, serves the next.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void anHpackBombGets431AndTheConnectionGoesOn(String engine) throws Exception {
        byte[] head = H2Client.block(":method", "GET", ":scheme", "http", ":path", "/plaintext", ":authority", "a");
        byte[] bomb = new byte[head.length + 3 + 4000 + 60];
        System.arraycopy(head, 0, bomb, 0, head.length);
        int at = head.length;
        bomb[at++] = 0x40; // a literal with incremental indexing, new name (RFC 7541 6.2.1)
        bomb[at++] = 1;
        bomb[at++] = 'x';
        bomb[at++] = 0x7f; // a value of 4000 octets: 127 + 3873 in 7-bit groups (5.1)
        bomb[at++] = (byte) (0x80 | (3873 & 0x7f));
        bomb[at++] = (byte) (3873 >>> 7);
        for (int i = 0; i < 4000; i++) {
            bomb[at++] = 'a';
        }
        while (at < bomb.length) {
            bomb[at++] = (byte) 0xbe; // the dynamic table's first entry (index 62), again (6.1)
        }
        try (Server server = http(engine); H2Wire wire = new H2Wire(server)) {
            wire.frames.frame(Http2.HEADERS, Http2.END_STREAM | Http2.END_HEADERS, 1, bomb).get(3, "/plaintext");
            wire.flush();
            assertThat(wire.answer(1)).contains(":status: 431");
            assertThat(wire.answer(3)).contains(":status: 200").endsWith("Hello, World!");
            assertCounted(server, "headerListTooLarge");
        }
    }

    /** SETTINGS frames, each owed an ACK, past controlFrames in the window. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void settingsFlood(String engine) throws Exception {
        try (Server server = http(engine); H2Wire wire = new H2Wire(server)) {
            for (int i = 0; i < 300; i++) {
                wire.frames.frame(Http2.SETTINGS, 0, 0, new byte[0]);
            }
            wire.flush();
            assertCalmed(server, wire, "settingsFlood");
        }
    }

    /** CVE-2019-9512: PING frames, each owed an answer, past controlFrames in the window. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void pingFlood(String engine) throws Exception {
        try (Server server = http(engine); H2Wire wire = new H2Wire(server)) {
            for (int i = 0; i < 300; i++) {
                wire.frames.frame(Http2.PING, 0, 0, new byte[8]);
            }
            wire.flush();
            assertCalmed(server, wire, "pingFlood");
        }
    }

    /** CVE-2019-9518: DATA frames of nothing, each costing the server a dispatch. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void emptyDataFlood(String engine) throws Exception {
        try (Server server = http(engine); H2Wire wire = new H2Wire(server)) {
            post(wire, 1);
            for (int i = 0; i < 50; i++) {
                wire.frames.data(1, "", false);
            }
            wire.flush();
            assertCalmed(server, wire, "emptyDataFlood");
        }
    }

    /** A body dribbled in one-octet DATA frames, past smallData in the window. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void smallDataFlood(String engine) throws Exception {
        try (Server server = http(engine); H2Wire wire = new H2Wire(server)) {
            post(wire, 1);
            for (int i = 0; i < 2100; i++) {
                wire.frames.data(1, "x", false);
            }
            wire.flush();
            assertCalmed(server, wire, "smallDataFlood");
        }
    }

    /** More streams at once than maxConcurrentStreams: the one over is refused; the rest go on. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#named")
    void aStreamOverTheConcurrencyLimitIsRefused(String engine) throws Exception {
        try (Server server = http(engine); H2Wire wire = new H2Wire(server)) {
            for (int id = 1; id <= 2 * Http2Limits.DEFAULTS.maxConcurrentStreams() + 1; id += 2) {
                post(wire, id);
            }
            int over = 2 * Http2Limits.DEFAULTS.maxConcurrentStreams() + 1;
            wire.flush();
            List<H2Client.Frame> read = wire.until(f -> f.is(Http2.RST_STREAM));
            assertThat(read.getLast().stream()).isEqualTo(over);
            assertThat(Http2.errorName(read.getLast().code())).isEqualTo("REFUSED_STREAM");
            wire.frames.data(1, "on", true);
            assertThat(wire.flush().answer(1)).contains(":status: 200").endsWith("ON");
            assertCounted(server, "refusedStream");
        }
    }

    /**
     * A zero-window stall: the peer shuts its window (SETTINGS_INITIAL_WINDOW_SIZE 0), asks, and
     * keeps the connection busy with PINGs (so the idle timeout never comes): once output has
     * waited stalledSeconds, GOAWAY. In-process engines: the limit is the test's own.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aWindowKeptShutEndsTheConnection(String engine) throws Exception {
        Http2Limits limits = Http2Limits.DEFAULTS.withStalledSeconds(1);
        try (Server server = Servers.start(engine, HttpProtocol.application(DemoRoutes.router(), limits));
             H2Wire wire = new H2Wire(server)) {
            wire.frames.frame(Http2.SETTINGS, 0, 0, new byte[] {0, 4, 0, 0, 0, 0}).get(1, "/plaintext");
            wire.flush();
            for (int i = 0; i < 20 && !server.stats().events().containsKey("h2.zeroWindowStall"); i++) {
                Thread.sleep(250); // bounded: the stall is 1 s; each PING lets the server look
                wire.frames.frame(Http2.PING, 0, 0, new byte[8]);
                wire.flush();
            }
            assertCalmed(server, wire, "zeroWindowStall");
        }
    }

    /** A connection's life is maxStreams streams: then GOAWAY (NO_ERROR), those streams answered, the close. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aConnectionServesMaxStreamsThenGoesAway(String engine) throws Exception {
        Http2Limits limits = Http2Limits.DEFAULTS.withMaxStreams(5);
        try (Server server = Servers.start(engine, HttpProtocol.application(DemoRoutes.router(), limits));
             H2Wire wire = new H2Wire(server)) {
            for (int id = 1; id <= 11; id += 2) {
                wire.frames.get(id, "/plaintext");
            }
            List<H2Client.Frame> read = wire.flush().toClose();
            H2Client.Frame goaway = read.stream().filter(f -> f.is(Http2.GOAWAY)).findFirst().orElseThrow();
            assertThat(goaway.code()).isEqualTo(Http2.NO_ERROR);
            assertThat(goaway.payload()[3]).as("the last stream taken").isEqualTo((byte) 9);
            assertThat(read.stream().filter(f -> f.is(Http2.DATA) && f.has(Http2.END_STREAM)).map(H2Client.Frame::stream))
                    .containsExactly(1, 3, 5, 7, 9);
        }
    }
}
