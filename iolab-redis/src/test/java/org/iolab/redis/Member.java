package org.iolab.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.iolab.server.Server;

/** A chat member: a socket, the lines it has received so far (read by a thread of its own). */
final class Member implements AutoCloseable {

    /** Lines a test says only to learn that every member has joined (left out of {@link #chat}). */
    static final String PROBE = "probe-";

    final Socket socket;
    final List<String> heard = new CopyOnWriteArrayList<>();
    /** The server closed this member's connection (end of stream or reset). */
    volatile boolean ended;

    Member(Server server) throws IOException {
        socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(60_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    heard.add(line);
                }
            } catch (IOException closed) {
                // reset, or closed here
            }
            ended = true;
        });
    }

    /** This member's {@code ip:port}, as the room names it. */
    String name() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    void say(String line) throws IOException {
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Lines heard that members said while this one was in the room (not the room's notices, not its history). */
    List<String> chat() {
        return heard.stream().filter(l -> !l.startsWith("***") && !l.startsWith("error:")
                && !l.startsWith(org.iolab.apps.ChatRoom.HISTORY_MARK) && !l.contains(" " + PROBE)).toList();
    }

    /** The room's history it was shown as it joined, without the mark. */
    List<String> history() {
        return heard.stream().filter(l -> l.startsWith(org.iolab.apps.ChatRoom.HISTORY_MARK))
                .map(l -> l.substring(org.iolab.apps.ChatRoom.HISTORY_MARK.length())).toList();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
