package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iolab.apps.ChatRoom;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chat room, run on every engine that serves several connections at once. */
class ChatContractTest {

    /** Joins and waits for the room to echo a hello back, which proves membership. */
    static Client join(Server server, String name) throws Exception {
        Client c = new Client(server);
        c.send("hello from " + name + "\n");
        String me = "127.0.0.1:" + c.socket.getLocalPort() + " hello from " + name;
        String line;
        do {
            line = c.readLine();
        } while (line != null && !line.equals(me));
        assertThat(line).as("own hello of " + name).isEqualTo(me);
        return c;
    }

    static String prefix(Client c) {
        return "127.0.0.1:" + c.socket.getLocalPort() + " ";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#concurrentTcp")
    void everyLineReachesEveryMemberInTheSameOrderAndQuitClosesOnlyTheSender(String engine) throws Exception {
        try (Server server = Servers.start(engine, Application.tcp(new ChatRoom()))) {
            Client a = join(server, "a");
            Client b = join(server, "b");
            Client c = join(server, "c");
            try (a; b; c) {
                a.send("one\ntwo\n");
                b.send("three\n");
                a.send("four\n");
                List<String> expectedSet = List.of(prefix(a) + "one", prefix(a) + "two",
                        prefix(b) + "three", prefix(a) + "four");
                List<List<String>> seen = new ArrayList<>();
                for (Client x : List.of(a, b, c)) {
                    List<String> lines = new ArrayList<>();
                    while (lines.size() < 4) {
                        String line = x.readLine();
                        assertThat(line).isNotNull();
                        if (!line.contains(" hello from ")) {
                            lines.add(line);
                        }
                    }
                    assertThat(lines).containsExactlyInAnyOrderElementsOf(expectedSet);
                    assertThat(lines.indexOf(prefix(a) + "one")).isLessThan(lines.indexOf(prefix(a) + "two"));
                    seen.add(lines);
                }
                assertThat(seen.get(1)).isEqualTo(seen.get(0));
                assertThat(seen.get(2)).isEqualTo(seen.get(0));

                a.send("quit\n");
                assertThat(a.closedByServer()).isTrue();
                b.send("still here\n");
                assertThat(b.readLine()).isEqualTo(prefix(b) + "still here");
                assertThat(c.readLine()).isEqualTo(prefix(b) + "still here");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#tcp")
    void aLineOverTheLimitGetsAnErrorThenClose(String engine) throws Exception {
        try (Server server = Servers.start(engine, Application.tcp(new ChatRoom()));
             Client c = new Client(server)) {
            c.send("x".repeat(ChatRoom.MAX_LINE + 10) + "\n");
            assertThat(c.readLine()).startsWith("error: line longer than");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#concurrentTcp")
    void aMemberThatDoesNotReadNeverStallsTheRoom(String engine) throws Exception {
        ChatRoom room = new ChatRoom();
        try (Server server = Servers.start(engine, Application.tcp(room))) {
            Client sleeper = new Client(server, 4096);
            sleeper.send("zz\n"); // joins, then never reads again
            Client talker = join(server, "talker");
            Client listener = join(server, "listener");
            try (sleeper; talker; listener) {
                String line = "y".repeat(1000);
                String expected = prefix(talker) + line;
                int batch = 200; // 200 KB in flight at most: a member that reads is never near the cap
                int count = 4000; // about 4 MB in all: beyond the cap plus every kernel buffer
                Thread drain = Thread.ofPlatform().start(() -> {
                    try {
                        while (talker.readLine() != null) {
                            // the talker hears itself; keep its socket drained
                        }
                    } catch (Exception ignored) {
                        // closed at the end of the test
                    }
                });
                int got = 0;
                for (int sent = 0; sent < count; sent += batch) {
                    StringBuilder lines = new StringBuilder();
                    for (int i = 0; i < batch; i++) {
                        lines.append(line).append('\n');
                    }
                    talker.send(lines.toString());
                    while (got < sent + batch) {
                        String l = listener.readLine();
                        assertThat(l).isNotNull();
                        if (l.equals(expected)) {
                            got++;
                        }
                    }
                }
                assertThat(got).isEqualTo(count);
                assertThat(room.slowConsumerDrops()).isEqualTo(1);
                assertThat(sleeper.closedByServer()).isTrue();
                talker.close();
                drain.join(Client.TIMEOUT_MS);
            }
        }
    }
}
