package org.iolab.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.iolab.admin.ChromiumPage;
import org.iolab.apps.Apps;
import org.iolab.apps.ChatRoom;
import org.iolab.apps.ChatWeb;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.api.Test;

/**
 * The chat room in real browsers: two headless Chromium pages (the room's own page, over a
 * WebSocket) and a terminal member in one room, on one server and on two servers joined by a real
 * Redis; once all have joined, each says a line, and every member sees the same lines in the same
 * order. A screenshot of the page is left in {@code target/chat-page.png}, and the page says so
 * when the server is gone.
 */
class ChatBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LINES = "Array.from(document.querySelectorAll('#lines li:not(.notice)')).map(li => li.textContent).join('\\n')";

    /** One server of the room: its TCP port and its page. */
    private record Room(Server tcp, Server web) implements AutoCloseable {
        static Room start(String engine, String bus) throws Exception {
            ServerConfig config = ServerConfig.builder().engine(engine).port(0).shutdownGrace(Duration.ofSeconds(1)).build();
            Application chat = bus == null ? Apps.create("chat", false) : Apps.create("chat", false, bus);
            Server tcp = Server.start(config, chat);
            Server web = ChatWeb.start((ChatRoom) ((Application.Tcp) chat).factory(), config, List.of());
            return new Room(tcp, web);
        }

        String page() {
            return "http://127.0.0.1:" + web.port() + "/";
        }

        @Override
        public void close() {
            web.close();
            tcp.close();
        }
    }

    private static void joined(ChromiumPage page) throws Exception {
        page.await("document.getElementById('me').textContent.includes(':')", WAIT);
    }

    private static void say(ChromiumPage page, String text) throws Exception {
        page.evaluate("document.getElementById('text').value = '" + text + "'; document.getElementById('say').requestSubmit(); 1");
    }

    private static List<String> lines(ChromiumPage page) throws Exception {
        String all = page.evaluate(LINES);
        return all.isEmpty() ? List.of() : Arrays.asList(all.split("\n"));
    }

    /** Two pages and a terminal member, all joined, each says a line: all three see the three lines in one order. */
    private static void threeMembersOneOrder(Room forPage1, Room forPage2, Room forTerminal, Path shot) throws Exception {
        try (ChromiumPage one = ChromiumPage.open(forPage1.page(), "--window-size=900,600");
             ChromiumPage two = ChromiumPage.open(forPage2.page());
             Member terminal = new Member(forTerminal.tcp())) {
            joined(one);
            joined(two);
            await().atMost(WAIT).until(() -> forTerminal.tcp().stats().open() >= 1);
            say(one, "hello from page one");
            say(two, "hello from page two");
            terminal.say("hello from the terminal");
            for (ChromiumPage p : List.of(one, two)) {
                p.await("document.querySelectorAll('#lines li:not(.notice)').length >= 3", WAIT);
            }
            await().atMost(WAIT).until(() -> terminal.chat().size() >= 3);
            List<String> seen = lines(one);
            assertThat(seen).hasSize(3);
            assertThat(seen).anyMatch(l -> l.endsWith(" hello from page one")).anyMatch(l -> l.endsWith(" hello from page two"))
                    .contains(terminal.name() + " hello from the terminal");
            assertThat(lines(two)).as("page two, in the same order").isEqualTo(seen);
            assertThat(terminal.chat()).as("the terminal, in the same order").isEqualTo(seen);
            assertThat(one.evaluate("document.getElementById('me').textContent")).matches("127\\.0\\.0\\.1:\\d+");
            if (shot != null) {
                one.screenshot(shot);
            }
        }
    }

    @Test
    void twoPagesAndATerminalShareOneRoomInOneOrder() throws Exception {
        try (Room room = Room.start("epoll", null)) {
            threeMembersOneOrder(room, room, room, Path.of("target", "chat-page.png").toAbsolutePath());
        }
        assertThat(Path.of("target", "chat-page.png")).exists();
    }

    @Test
    void pagesOnTwoServersOnOneRedisShareTheRoom() throws Exception {
        try (RedisServer redis = RedisServer.start(); Room a = Room.start("epoll", redis.uri());
             Room b = Room.start("nio", redis.uri())) {
            threeMembersOneOrder(a, b, a, null);
        }
    }

    @Test
    void thePageSaysSoWhenTheServerIsGone() throws Exception {
        Room room = Room.start("nio", null);
        try (ChromiumPage page = ChromiumPage.open(room.page())) {
            joined(page);
            room.close();
            page.await("document.getElementById('status').className === 'gone'", WAIT);
            assertThat(page.evaluate("document.getElementById('status').textContent")).contains("the server is gone");
        }
    }

    /**
     * Over HTTPS the page comes by HTTP/2 (ALPN h2, as every browser asks), while its WebSocket
     * takes a connection of HTTP/1.1 of its own: the server offers no RFC 8441 CONNECT, so Chromium
     * asks ALPN for http/1.1 there. The room works all the same.
     */
    @Test
    void overHttpsThePageComesByHttp2AndItsSocketByHttp11() throws Exception {
        org.iolab.certs.ServerIdentity id = org.iolab.certs.SelfSigned.localhost(Duration.ofDays(1));
        ServerConfig config = ServerConfig.builder().engine("epoll").port(0).shutdownGrace(Duration.ofSeconds(1))
                .tls(id.tlsConfig()).build();
        Application chat = Apps.create("chat", false);
        try (Server web = ChatWeb.start((ChatRoom) ((Application.Tcp) chat).factory(), config, List.of());
             ChromiumPage page = ChromiumPage.open("https://127.0.0.1:" + web.port() + "/",
                     "--ignore-certificate-errors-spki-list=" + id.spkiSha256())) {
            joined(page);
            assertThat(page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol")).isEqualTo("h2");
            say(page, "hello over h2");
            page.await("document.querySelectorAll('#lines li:not(.notice)').length >= 1", WAIT);
            assertThat(lines(page)).singleElement().asString().endsWith(" hello over h2");
            assertThat(web.stats().tlsHandshakes()).as("the page's connection and the socket's").isGreaterThanOrEqualTo(2);
        }
    }
}
