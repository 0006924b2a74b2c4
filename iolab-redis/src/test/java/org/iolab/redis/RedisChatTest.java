package org.iolab.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.iolab.apps.Apps;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One chat room across servers on a real Redis: servers on different engines, and the
 * processes engine's workers, form one room; every member sees the lines in one order, named
 * by their original sender; an outage is told once, loses no line silently, and the room
 * resumes.
 */
class RedisChatTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private RedisServer redis;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void redis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        redis.close();
    }

    private Server chat(String engine) throws Exception {
        return chat(engine, redis.uri());
    }

    private Server chat(String engine, String bus) throws Exception {
        ServerConfig.Builder b = ServerConfig.builder().engine(engine).port(0).shutdownGrace(Duration.ofSeconds(2));
        if (engine.equals("processes")) {
            b.option("workers", "2"); // blocking workers: two members are on two processes
        }
        Server s = Server.start(b.build(), Apps.create("chat", false, bus));
        open.add(s);
        return s;
    }

    private Member member(Server s) throws Exception {
        Member m = new Member(s);
        open.add(m);
        return m;
    }

    /**
     * Waits until every member is in its room: a connection is accepted before its member joins,
     * and a line that arrives in between is not for it. The first says a probe until all heard one.
     */
    private static void inTheRoom(List<Member> members) {
        Member first = members.getFirst();
        await().atMost(WAIT).until(() -> {
            String probe = Member.PROBE + System.nanoTime();
            first.say(probe);
            long until = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < until) {
                if (members.stream().allMatch(m -> m.heard.contains(first.name() + " " + probe))) {
                    return true;
                }
                Thread.sleep(10);
            }
            return false;
        });
    }

    @Test
    void twoServersOnOneRedisFormOneRoomAndEveryMemberSeesOneOrder() throws Exception {
        Server a = chat("epoll");
        Server b = chat("threads");
        List<Member> members = List.of(member(a), member(a), member(b));
        inTheRoom(members);
        List<Thread> talkers = new ArrayList<>();
        for (Member m : members) {
            talkers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        m.say("line " + i);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (Thread t : talkers) {
            t.join(WAIT.toMillis());
        }
        await().atMost(WAIT).until(() -> members.stream().allMatch(m -> m.chat().size() == 150));
        List<String> order = members.getFirst().chat();
        for (Member m : members) {
            assertThat(m.chat()).as("the same order everywhere").isEqualTo(order);
            for (int i = 0; i < 50; i++) {
                assertThat(order).as("named by its sender").contains(m.name() + " line " + i);
            }
        }
    }

    @Test
    void membersOnTwoWorkerProcessesShareTheRoomAndQuitLeavesOnlyYou() throws Exception {
        Server s = chat("processes");
        Member one = member(s);
        Member two = member(s);
        inTheRoom(List.of(one, two));
        one.say("hello from one");
        await().atMost(WAIT).until(() -> two.chat().contains(one.name() + " hello from one"));
        two.say("quit");
        await().atMost(WAIT).until(() -> two.ended);
        one.say("still here");
        await().atMost(WAIT).until(() -> one.chat().contains(one.name() + " still here"));
    }

    @Test
    void aRedisOutageIsToldOnceLosesNoLineSilentlyAndTheRoomResumes() throws Exception {
        Server a = chat("nio");
        Server b = chat("virtual");
        Member x = member(a);
        Member y = member(b);
        inTheRoom(List.of(x, y));
        x.say("before");
        await().atMost(WAIT).until(() -> y.chat().contains(x.name() + " before"));

        redis.stop();
        await().atMost(WAIT).until(() -> x.heard.stream().anyMatch(l -> l.startsWith("*** the room is unreachable")));
        x.say("during");
        await().atMost(WAIT).until(() -> x.heard.contains("error: the room is unreachable, this line was not delivered"));

        redis.startAgain();
        await().atMost(WAIT).until(() -> x.heard.contains("*** the room is back") && y.heard.contains("*** the room is back"));
        x.say("after");
        await().atMost(WAIT).until(() -> y.chat().contains(x.name() + " after"));
        assertThat(x.heard.stream().filter(l -> l.startsWith("*** the room is unreachable"))).as("told once").hasSize(1);
        assertThat(y.chat()).doesNotContain(x.name() + " during");
    }

    /**
     * A partition that resets nothing: the bus's connections stay open and hear nothing. Its
     * pings go unanswered, so it notices within seconds, tells the room once, and resumes when
     * the network heals (the lines published meanwhile are lost by Redis, which keeps no history).
     */
    @Test
    void aSilentPartitionIsNoticedByTheBussPingsAndTheRoomResumesWhenItHeals() throws Exception {
        BlackHole partition = BlackHole.to(redis.port());
        open.add(partition);
        Server a = chat("epoll", partition.uri());
        Server b = chat("threads");
        Member x = member(a);
        Member y = member(b);
        inTheRoom(List.of(x, y));

        partition.swallow(true);
        await().atMost(WAIT).until(() -> x.heard.stream().anyMatch(l -> l.startsWith("*** the room is unreachable")
                && l.contains("no answer for 5 s")));
        y.say("while cut off");
        partition.swallow(false);
        await().atMost(WAIT).until(() -> x.heard.contains("*** the room is back"));
        y.say("after");
        await().atMost(WAIT).until(() -> x.chat().contains(y.name() + " after"));
        assertThat(x.heard.stream().filter(l -> l.startsWith("*** the room is unreachable"))).as("told once").hasSize(1);
        assertThat(y.heard).doesNotContain("*** the room is back"); // its server never lost the room
    }

    @Test
    void aBusThatCannotBeReachedAtStartIsAnErrorNamingIt() {
        assertThatThrownBy(() -> Apps.create("chat", false, "redis://127.0.0.1:1"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot reach the bus redis://127.0.0.1:1");
        assertThatThrownBy(() -> Apps.create("upper", false, redis.uri()))
                .hasMessageContaining("--bus applies to apps with a room (chat), not to upper");
        assertThatThrownBy(() -> Apps.create("chat", false, "kafka://x:1")).hasMessageContaining("known: redis://HOST:PORT");
        Application app = Apps.create("chat", false, redis.uri());
        assertThat(app.recipe()).isEqualTo("chat --bus " + redis.uri());
        ((org.iolab.apps.ChatRoom) ((Application.Tcp) app).factory()).close();
    }
}
