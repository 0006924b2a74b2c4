package org.iolab.redis;

import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import org.iolab.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A primary with a replica under three Redis Sentinels (Debian's {@code redis-sentinel}); the
 * primary is killed while members on two servers keep talking. The servers find the new primary
 * through Sentinel and the room goes on; with {@code --bus-durable} no line is lost across the
 * failover (each sender's lines in its order; the one order may differ around the failover).
 */
class SentinelFailoverTest {

    private static final String PRIMARY = "iolab";
    private final Rooms rooms = new Rooms();

    @AfterEach
    void closeAll() throws Exception {
        rooms.close();
    }

    /**
     * Kills the primary while two servers' members talk, once the replicas are in sync and the
     * sentinels know them and each other; durable, checks that no line was lost.
     */
    private void failOver(boolean durable, int replicas) throws Exception {
        RedisServer primary = rooms.closing(RedisServer.start("--save", "", "--appendonly", "no",
                "--repl-diskless-sync-delay", "0")); // a replica's first sync at once, not after 5 s
        for (int i = 0; i < replicas; i++) {
            rooms.closing(RedisServer.start("--save", "", "--appendonly", "no", "--repl-diskless-sync-delay", "0",
                    "--replicaof", "127.0.0.1", Integer.toString(primary.port())));
        }
        List<RedisServer> sentinels = List.of(rooms.closing(RedisServer.sentinel(PRIMARY, primary.port())),
                rooms.closing(RedisServer.sentinel(PRIMARY, primary.port())),
                rooms.closing(RedisServer.sentinel(PRIMARY, primary.port())));
        try (Jedis p = new Jedis("127.0.0.1", primary.port())) {
            await("replicas in sync").atMost(Rooms.WAIT)
                    .until(() -> p.info("replication").split("state=online").length - 1 == replicas);
        }
        for (RedisServer s : sentinels) {
            try (Jedis j = new Jedis("127.0.0.1", s.port())) {
                await("a sentinel knows the replicas and the other sentinels").atMost(Rooms.WAIT).until(() -> {
                    Map<String, String> m = j.sentinelMaster(PRIMARY);
                    return m.get("num-slaves").equals(Integer.toString(replicas)) && m.get("num-other-sentinels").equals("2");
                });
            }
        }
        String bus = "redis-sentinel://" + String.join(",", sentinels.stream().map(RedisServer::address).toList())
                + "/" + PRIMARY;
        List<Server> servers = List.of(rooms.chat("epoll", bus, durable), rooms.chat("virtual", bus, durable));
        List<Member> members = List.of(rooms.member(servers.get(0)), rooms.member(servers.get(1)));
        Rooms.inTheRoom(members);
        Rooms.Talk talk = new Rooms.Talk(members, 20);
        Thread.sleep(500);

        primary.stop(); // SIGKILL: the sentinels agree it is down after 1 s and promote the replica
        await().atMost(Rooms.WAIT).until(() -> members.stream().allMatch(m -> m.heard.contains("*** the room is back")));
        Thread.sleep(300);
        String recent = List.copyOf(talk.said).getLast(); // said after the servers found the new primary
        await("the room goes on").atMost(Rooms.WAIT)
                .until(() -> members.stream().allMatch(m -> m.chat().contains(recent)));
        List<String> said = talk.stop();
        if (durable) {
            Rooms.everyoneHasEveryLineOnce(members, said, false);
        }
    }

    @Test
    void whenThePrimaryIsKilledTheServersFollowSentinelToTheNewOneAndTheRoomGoesOn() throws Exception {
        failOver(false, 1);
    }

    /** Two replicas: after the failover the new primary still has one, for WAIT 1 (with none, durable lines wait). */
    @Test
    void withBusDurableNoLineIsLostAcrossTheFailover() throws Exception {
        failOver(true, 2);
    }
}
