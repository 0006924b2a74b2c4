package org.iolab.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.iolab.apps.Apps;
import org.iolab.apps.ChatRoom;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;

/**
 * What the room tests share: chat servers on a bus, their members, members who keep talking
 * while a test breaks something, and the check that every member has every line once. Closes
 * what it opened, newest first.
 */
final class Rooms implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A chat server on {@code engine}, its room on {@code bus}. */
    Server chat(String engine, String bus, boolean durable) throws Exception {
        return chat(engine, bus, durable, ChatRoom.DEFAULT_HISTORY);
    }

    Server chat(String engine, String bus, boolean durable, int history) throws Exception {
        ServerConfig.Builder b = ServerConfig.builder().engine(engine).port(0).shutdownGrace(Duration.ofSeconds(2));
        if (engine.equals("processes")) {
            b.option("workers", "2"); // blocking workers: two members are on two processes
        }
        Server s = Server.start(b.build(), Apps.chat(history, bus, durable));
        open.add(s);
        return s;
    }

    Member member(Server s) throws IOException {
        Member m = new Member(s);
        open.add(m);
        return m;
    }

    /** Something else to close with the rest (a Redis, a namespace). */
    <T extends AutoCloseable> T closing(T c) {
        open.add(c);
        return c;
    }

    /**
     * Waits until every member is in its room: a connection is accepted before its member joins,
     * and a line that arrives in between is not for it. The first says a probe until all heard one.
     */
    static void inTheRoom(List<Member> members) {
        Member first = members.getFirst();
        await().atMost(WAIT).until(() -> {
            String probe = Member.PROBE + System.nanoTime();
            first.say(probe);
            long until = System.nanoTime() + 500_000_000L;
            while (System.nanoTime() < until) {
                if (members.stream().allMatch(m -> m.heard.contains(first.name() + " " + probe))) {
                    return true;
                }
                Thread.sleep(10);
            }
            return false;
        });
    }

    /** Members talking, each on a thread of its own, a line every {@code everyMillis}, until {@link #stop}. */
    static final class Talk {
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean on = true;
        /** Every line said, as the room names it ({@code ip:port text}). */
        final ConcurrentLinkedQueue<String> said = new ConcurrentLinkedQueue<>();

        Talk(List<Member> talkers, long everyMillis) {
            for (Member m : talkers) {
                threads.add(Thread.ofPlatform().name("talker-" + m.name()).start(() -> {
                    for (int i = 0; on; i++) {
                        String text = "line " + i;
                        try {
                            m.say(text);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        said.add(m.name() + " " + text);
                        org.iolab.engine.support.Threads.sleep(everyMillis);
                    }
                }));
            }
        }

        /** Stops talking; returns every line said. */
        List<String> stop() throws InterruptedException {
            on = false;
            for (Thread t : threads) {
                t.join(WAIT.toMillis());
            }
            return List.copyOf(said);
        }
    }

    /**
     * Every member gets every line said (none was refused: each member checks it heard no
     * error), each once; in one order for all when {@code oneOrder}, else each sender's lines in
     * the order said.
     */
    static void everyoneHasEveryLineOnce(List<Member> members, List<String> said, boolean oneOrder) {
        await().atMost(WAIT).until(() -> members.stream().allMatch(m -> new HashSet<>(m.chat()).containsAll(said)));
        Set<String> all = new HashSet<>(said);
        for (Member m : members) {
            assertThat(m.heard).as("no line refused").noneMatch(l -> l.startsWith("error:"));
            List<String> chat = m.chat();
            assertThat(chat).as("each line once, nothing else").doesNotHaveDuplicates().hasSameElementsAs(all);
            Map<String, Integer> next = new HashMap<>();
            for (String line : chat) { // "IP:PORT line N": each sender's lines in the order said
                String sender = line.substring(0, line.indexOf(' '));
                int n = Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
                assertThat(n).as(line).isEqualTo(next.getOrDefault(sender, 0));
                next.put(sender, n + 1);
            }
        }
        if (oneOrder) {
            for (Member m : members) {
                assertThat(m.chat()).as("one order everywhere").isEqualTo(members.getFirst().chat());
            }
        }
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable c : open.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
