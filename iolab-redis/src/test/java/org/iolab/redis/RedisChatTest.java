package org.iolab.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.iolab.apps.Apps;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.XAddParams;

/**
 * One chat room across servers on a real Redis: servers on different engines, and the
 * processes engine's workers, form one room; every member sees the lines in one order, named
 * by their original sender.
 */
class RedisChatTest {

    private final Rooms rooms = new Rooms();
    private RedisServer redis;

    @BeforeEach
    void redis() throws Exception {
        redis = rooms.closing(RedisServer.start());
    }

    @AfterEach
    void closeAll() throws Exception {
        rooms.close();
    }

    @Test
    void twoServersOnOneRedisFormOneRoomAndEveryMemberSeesOneOrder() throws Exception {
        Server a = rooms.chat("epoll", redis.uri(), false);
        Server b = rooms.chat("threads", redis.uri(), false);
        List<Member> members = List.of(rooms.member(a), rooms.member(a), rooms.member(b));
        Rooms.inTheRoom(members);
        Rooms.Talk talk = new Rooms.Talk(members, 1);
        Thread.sleep(200);
        Rooms.everyoneHasEveryLineOnce(members, talk.stop(), true);
    }

    @Test
    void membersOnTwoWorkerProcessesShareTheRoomAndQuitLeavesOnlyYou() throws Exception {
        Server s = rooms.chat("processes", redis.uri(), false);
        Member one = rooms.member(s);
        Member two = rooms.member(s);
        Rooms.inTheRoom(List.of(one, two));
        one.say("hello from one");
        await().atMost(Rooms.WAIT).until(() -> two.chat().contains(one.name() + " hello from one"));
        two.say("quit");
        await().atMost(Rooms.WAIT).until(() -> two.ended);
        one.say("still here");
        await().atMost(Rooms.WAIT).until(() -> one.chat().contains(one.name() + " still here"));
    }

    /** {@code quit} right after its last lines: the member hears them come back through Redis before it is closed. */
    @Test
    void aMemberWhoQuitsHearsItsOwnLastLinesBeforeItIsClosed() throws Exception {
        Member m = rooms.member(rooms.chat("epoll", redis.uri(), false));
        Rooms.inTheRoom(List.of(m));
        StringBuilder lines = new StringBuilder();
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.append("last ").append(i).append('\n');
            expected.add(m.name() + " last " + i);
        }
        m.socket.getOutputStream().write((lines + "quit\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        await().atMost(Rooms.WAIT).until(() -> m.ended);
        assertThat(m.chat()).isEqualTo(expected);
    }

    /**
     * A server's lines numbered with a gap in the stream (lines trimmed before this server read
     * them, or lost by the store) are told to the members where the gap is, never skipped silently.
     */
    @Test
    void linesThatLeftTheStreamBeforeThisServerReadThemAreToldAsLost() throws Exception {
        Member m = rooms.member(rooms.chat("epoll", redis.uri(), false));
        Rooms.inTheRoom(List.of(m));
        try (Jedis j = new Jedis(redis.address().split(":")[0], redis.port())) {
            for (long seq : new long[] {1, 2, 6}) { // as another server would have added them: 3, 4 and 5 gone
                j.xadd("iolab:chat".getBytes(StandardCharsets.US_ASCII), XAddParams.xAddParams(),
                        Line.fields("elsewhere", seq, ("10.0.0.9:1 line " + seq + "\n").getBytes(StandardCharsets.US_ASCII)));
            }
        }
        await().atMost(Rooms.WAIT).until(() -> m.heard.contains("10.0.0.9:1 line 6"));
        int lost = m.heard.indexOf("*** lines were lost here: 3 lines left the room's stream (trimmed past its "
                + RedisBus.KEEP + " lines, or lost by its store) before this server read them");
        assertThat(lost).as("told, once, between line 2 and line 6: " + m.heard).isPositive()
                .isEqualTo(m.heard.indexOf("10.0.0.9:1 line 2") + 1).isEqualTo(m.heard.indexOf("10.0.0.9:1 line 6") - 1);
    }

    @Test
    void aBusThatCannotBeReachedAtStartIsAnErrorNamingIt() {
        assertThatThrownBy(() -> Apps.create("chat", false, "redis://127.0.0.1:1"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot reach the bus redis://127.0.0.1:1");
        assertThatThrownBy(() -> Apps.chat(20, "redis-sentinel://127.0.0.1:1/primary", false))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot reach the bus redis-sentinel://127.0.0.1:1/primary");
        assertThatThrownBy(() -> Apps.chat(20, "redis-sentinel://127.0.0.1:1", false))
                .hasMessageContaining("redis-sentinel://HOST:PORT[,HOST:PORT...]/PRIMARY[/ROOM]");
        assertThatThrownBy(() -> Apps.create("upper", false, redis.uri()))
                .hasMessageContaining("--bus applies to apps with a room (chat), not to upper");
        assertThatThrownBy(() -> Apps.create("chat", false, "kafka://x:1")).hasMessageContaining("known: redis://HOST:PORT");
        assertThatThrownBy(() -> Apps.chat(20, null, true)).hasMessageContaining("--bus-durable goes with --bus");
        assertThatThrownBy(() -> Apps.chat(1001, null, false)).hasMessageContaining("--history takes 0 to 1000 lines");
        Application app = Apps.chat(5, redis.uri(), true);
        assertThat(app.recipe()).isEqualTo("chat --history 5 --bus " + redis.uri() + " --bus-durable");
        ((org.iolab.apps.ChatRoom) ((Application.Tcp) app).factory()).close();
    }
}
