package org.iolab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
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
        return join(server, name, 0);
    }

    /** As {@link #join(Server, String)}, with a receive buffer of {@code receiveBuffer} bytes (0: default). */
    static Client join(Server server, String name, int receiveBuffer) throws Exception {
        Client c = new Client(server, receiveBuffer);
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

    /**
     * One talker floods, one member reads slowly, one never reads: the flood is slowed to the slow
     * reader's pace (the talker's reading pauses while a reader is above its high-water mark), the
     * slow reader gets every line in order, and the one who never reads is dropped once its output
     * makes no progress for the stall limit (short here), so the room goes on.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iolab.contract.EngineCases#concurrentTcp")
    void aFloodIsSlowedToASlowReaderWhoMissesNothingAndANonReaderIsDropped(String engine) throws Exception {
        ChatRoom room = new ChatRoom(ChatRoom.HARD_CAP, Duration.ofMillis(500));
        try (Server server = Servers.start(engine, Application.tcp(room).lines().exemptFromIdleTimeout())) {
            Client sleeper = new Client(server, 4096);
            sleeper.send("zz\n"); // joins, then never reads again
            Client slow = join(server, "slow", 4096);
            Client talker = join(server, "talker");
            try (sleeper; slow; talker) {
                int count = 3000;
                Thread drain = Thread.ofPlatform().daemon(true).start(() -> {
                    try {
                        while (talker.readLine() != null) {
                            // the talker hears itself; keep its socket drained
                        }
                    } catch (IOException ignored) {
                        // closed at the end of the test
                    }
                });
                Thread flood = Thread.ofPlatform().daemon(true).start(() -> {
                    StringBuilder all = new StringBuilder();
                    for (int i = 0; i < count; i++) {
                        // 6 MB in all: past every kernel buffer, so the room itself must hold or slow it
                        all.append(String.format("line %05d ", i)).append("y".repeat(2000)).append('\n');
                    }
                    try {
                        talker.send(all.toString()); // as fast as the room lets it
                    } catch (IOException ignored) {
                        // the test fails on what the slow reader got
                    }
                });
                String prefix = prefix(talker);
                int next = 0;
                while (next < count) {
                    String line = slow.readLine();
                    assertThat(line).as("line %d of the flood", next).isNotNull();
                    if (line.startsWith(prefix) && !line.contains(" hello from ")) {
                        assertThat(line).startsWith(prefix + String.format("line %05d ", next));
                        next++;
                        if (next % 100 == 0) {
                            Thread.sleep(10); // slower than the flood
                        }
                    }
                }
                flood.join(Client.TIMEOUT_MS);
                assertThat(room.slowConsumerDrops()).as("the member who never reads").isEqualTo(1);
                assertThat(sleeper.closedByServer()).isTrue();
                assertThat(server.stats().slowConsumerDrops()).isEqualTo(1);
                talker.close();
                drain.join(Client.TIMEOUT_MS);
            }
        }
    }
}
