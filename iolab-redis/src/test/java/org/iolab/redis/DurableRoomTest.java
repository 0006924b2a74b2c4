package org.iolab.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.iolab.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The room on a Redis stream loses nothing: a Redis killed and restarted (its append-only file
 * on) while members on three servers keep talking, and a newcomer shown the room's past, on
 * its server or one started later.
 */
class DurableRoomTest {

    private final Rooms rooms = new Rooms();

    @AfterEach
    void closeAll() throws Exception {
        rooms.close();
    }

    @Test
    void aRedisKilledAndRestartedLosesNoLineAndEveryMemberHasEveryLineOnceInOneOrder() throws Exception {
        RedisServer redis = rooms.closing(RedisServer.persistent());
        List<Server> servers = List.of(rooms.chat("epoll", redis.uri(), false), rooms.chat("nio2", redis.uri(), false),
                rooms.chat("virtual", redis.uri(), false));
        List<Member> members = List.of(rooms.member(servers.get(0)), rooms.member(servers.get(0)),
                rooms.member(servers.get(1)), rooms.member(servers.get(2)));
        Rooms.inTheRoom(members);
        Rooms.Talk talk = new Rooms.Talk(members, 20);
        Thread.sleep(500);

        redis.stop(); // SIGKILL, in the middle of the talk
        await().atMost(Rooms.WAIT).until(() -> members.stream().allMatch(
                m -> m.heard.stream().anyMatch(l -> l.startsWith("*** the room is unreachable"))));
        Thread.sleep(500); // lines said meanwhile wait on their servers
        redis.startAgain();
        await().atMost(Rooms.WAIT).until(() -> members.stream().allMatch(m -> m.heard.contains("*** the room is back")));
        Thread.sleep(300);
        List<String> said = talk.stop();

        Rooms.everyoneHasEveryLineOnce(members, said, true);
        for (Member m : members) {
            assertThat(m.heard.stream().filter(l -> l.startsWith("*** the room is unreachable"))).as("told once").hasSize(1);
        }
    }

    /**
     * Lines said while Redis is down wait in the server's bounded queue and go out, in order,
     * when it is back; a line that finds the queue full is refused to its sender, never lost
     * silently.
     */
    @Test
    void pastTheBoundedQueueALineIsRefusedToItsSenderAndTheRestGoOutInOrderWhenRedisIsBack() throws Exception {
        RedisServer redis = rooms.closing(RedisServer.start());
        Member m = rooms.member(rooms.chat("epoll", redis.uri(), false));
        Rooms.inTheRoom(List.of(m));
        redis.stop();
        await().atMost(Rooms.WAIT).until(() -> m.heard.stream().anyMatch(l -> l.startsWith("*** the room is unreachable")));
        int lines = Publisher.QUEUE + 1000 + 500; // the queue, a batch in hand, and more
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            all.append("q ").append(i).append('\n');
        }
        m.socket.getOutputStream().write(all.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        await().atMost(Rooms.WAIT).until(() -> m.heard.stream().filter(l -> l.startsWith("error:")).count() >= 500);
        redis.startAgain();
        await().atMost(Rooms.WAIT).until(() -> m.heard.contains("*** the room is back"));
        long refused = m.heard.stream().filter(l -> l.equals("error: the room is unreachable, this line was not delivered")).count();
        await().atMost(Rooms.WAIT).until(() -> m.chat().size() == lines - refused);
        List<Integer> numbers = m.chat().stream().map(l -> Integer.parseInt(l.substring(l.lastIndexOf(' ') + 1))).toList();
        assertThat(numbers).as("in order, each once").isSorted().doesNotHaveDuplicates();
        assertThat(numbers.subList(0, Publisher.QUEUE)).as("the first lines always fit in the queue")
                .isEqualTo(java.util.stream.IntStream.range(0, Publisher.QUEUE).boxed().toList());
        assertThat(m.heard).as("what was flushed fits in the room's memory").noneMatch(l -> l.startsWith("*** lines were lost"));
    }

    @Test
    void aMemberWhoJoinsIsShownTheRoomsLastLinesMarkedOnItsServerOrOneStartedLater() throws Exception {
        RedisServer redis = rooms.closing(RedisServer.start());
        Server first = rooms.chat("epoll", redis.uri(), false, 2);
        Member a = rooms.member(first);
        Rooms.inTheRoom(List.of(a));
        for (String text : List.of("one", "two", "three")) {
            a.say(text);
        }
        await().atMost(Rooms.WAIT).until(() -> a.chat().contains(a.name() + " three"));
        List<String> lastTwo = List.of(a.name() + " two", a.name() + " three");

        Member sameServer = rooms.member(first);
        Server later = rooms.chat("threads", redis.uri(), false, 2); // its room starts from the stream
        Member laterServer = rooms.member(later);
        await().atMost(Rooms.WAIT).until(() -> sameServer.history().size() == 2 && laterServer.history().size() == 2);
        assertThat(sameServer.history()).isEqualTo(lastTwo);
        assertThat(laterServer.history()).isEqualTo(lastTwo);
        assertThat(laterServer.chat()).as("history is not said again").isEmpty();

        Member none = rooms.member(rooms.chat("epoll", redis.uri(), false, 0));
        Rooms.inTheRoom(List.of(none));
        a.say("four");
        await().atMost(Rooms.WAIT).until(() -> none.chat().contains(a.name() + " four"));
        assertThat(none.history()).as("--history 0").isEmpty();
    }
}
