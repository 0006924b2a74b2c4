package org.iolab.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.iolab.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A server partitioned from Redis for 10 s and healed: Redis in a network namespace of its own
 * (created and removed here; root, as CI runs), reached by two servers over two veth pairs;
 * one pair's far end goes down (packets vanish, nothing is reset) and comes back. The cut-off
 * server's members are told, their lines wait, and afterwards every member has every line once,
 * in one order.
 */
class PartitionTest {

    private final Rooms rooms = new Rooms();

    @AfterEach
    void closeAll() throws Exception {
        rooms.close();
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    /** A veth pair from this namespace (10.214.N.2) to {@code ns} (10.214.N.1); returns the far end's name. */
    private static String link(String ns, int n, long id) throws IOException, InterruptedException {
        String near = "irn" + n + "x" + id;
        String far = "irf" + n + "x" + id;
        ip("link", "add", near, "type", "veth", "peer", "name", far);
        ip("link", "set", far, "netns", ns);
        ip("addr", "add", "10.214." + n + ".2/24", "dev", near);
        ip("-n", ns, "addr", "add", "10.214." + n + ".1/24", "dev", far);
        ip("link", "set", near, "up");
        ip("-n", ns, "link", "set", far, "up");
        return far;
    }

    @Test
    void aServerCutOffFromRedisFor10SecondsGetsTheLinesItMissedAndItsOwnGoOutWhenItHeals() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create namespaces");
        long id = ProcessHandle.current().pid() % 100_000;
        String ns = "iolab-redis-" + id;
        ip("netns", "add", ns);
        rooms.closing(() -> ip("netns", "del", ns)); // removing it removes its ends of the veth pairs, and so the pairs
        ip("-n", ns, "link", "set", "lo", "up");
        String cutOff = link(ns, 1, id);
        link(ns, 2, id);
        RedisServer redis = rooms.closing(RedisServer.in(ns, "10.214.1.1"));

        Server a = rooms.chat("epoll", "redis://10.214.1.1:" + redis.port(), false);
        Server b = rooms.chat("nio", "redis://10.214.2.1:" + redis.port(), false);
        List<Member> members = List.of(rooms.member(a), rooms.member(b), rooms.member(b));
        Rooms.inTheRoom(members);
        Rooms.Talk talk = new Rooms.Talk(members, 50);
        Thread.sleep(500);

        ip("-n", ns, "link", "set", cutOff, "down"); // server a's packets to Redis vanish from now on
        long cut = System.nanoTime();
        Member x = members.getFirst();
        await().atMost(Rooms.WAIT).until(() -> x.heard.stream().anyMatch(l -> l.startsWith("*** the room is unreachable")));
        Thread.sleep(Math.max(0, 10_000 - (System.nanoTime() - cut) / 1_000_000)); // 10 s cut off in all
        ip("-n", ns, "link", "set", cutOff, "up");
        await().atMost(Rooms.WAIT).until(() -> x.heard.contains("*** the room is back"));
        Thread.sleep(300);
        List<String> said = talk.stop();

        Rooms.everyoneHasEveryLineOnce(members, said, true);
        assertThat(members.get(1).heard).as("server b never lost the room").noneMatch(l -> l.startsWith("***"));
    }
}
