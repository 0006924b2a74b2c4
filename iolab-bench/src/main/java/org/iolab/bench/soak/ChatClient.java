package org.iolab.bench.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One chat member of the soak. A talker joins, says about ten lines a second for 5 to 30
 * seconds while hearing the room, says {@code quit}, and must have heard every line it said
 * before the room closes it; then it joins again. A slow listener joins once, with a small
 * receive buffer, and reads a line every few milliseconds for the whole soak: the room must
 * slow its talkers rather than drop it or skip its lines. Both check every line they hear
 * ({@link ChatLines}).
 *
 * <p>Thread rule: {@link #run} on one thread of its own; a talker's reader on a second.
 */
final class ChatClient implements Runnable {

    private final InetSocketAddress server;
    private final SoakCounters counters;
    private final BooleanSupplier running;
    private final SplittableRandom random;
    private final String id;
    private final boolean slowListener;
    private volatile Socket current;

    ChatClient(InetSocketAddress server, SoakCounters counters, BooleanSupplier running, long seed, String id,
               boolean slowListener) {
        this.server = server;
        this.counters = counters;
        this.running = running;
        this.random = new SplittableRandom(seed);
        this.id = id;
        this.slowListener = slowListener;
    }

    @Override
    public void run() {
        for (int visit = 0; running.getAsBoolean(); visit++) {
            String token = id + "." + visit;
            try (Socket s = new Socket()) {
                current = s;
                if (slowListener) {
                    s.setReceiveBufferSize(4096);
                }
                s.connect(server, EchoClient.SO_TIMEOUT_MS);
                s.setSoTimeout(EchoClient.SO_TIMEOUT_MS);
                counters.chatJoins.increment();
                if (slowListener) {
                    listenSlowly(s, token);
                } else {
                    talk(s, token);
                    Thread.sleep(200 + random.nextInt(800));
                }
            } catch (IOException | InterruptedException e) {
                if (running.getAsBoolean()) {
                    counters.problem("chat: " + token + (slowListener ? " (slow listener)" : "") + ": " + e);
                }
            }
        }
    }

    /** Ends a listener's wait for the next line once the soak is over (its thread then ends). */
    void hangUp() {
        Socket s = current;
        if (s != null && slowListener && !running.getAsBoolean()) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void listenSlowly(Socket s, String token) throws IOException, InterruptedException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII), 512);
        ChatLines lines = new ChatLines(counters, token);
        while (running.getAsBoolean()) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the room closed a member that kept reading");
            }
            lines.heard(line, token);
            Thread.sleep(2);
        }
    }

    private void talk(Socket s, String token) throws IOException, InterruptedException {
        AtomicLong heardOwn = new AtomicLong(-1);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        ChatLines lines = new ChatLines(counters, token);
        Thread reader = Thread.ofVirtual().name("soak-chat-reader").start(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    long own = lines.heard(line, token);
                    if (own >= 0) {
                        heardOwn.set(own);
                    }
                }
            } catch (IOException e) {
                counters.problem("chat: " + token + " reading: " + e);
            }
        });
        OutputStream out = s.getOutputStream();
        long until = System.nanoTime() + (5_000 + random.nextInt(25_000)) * 1_000_000L;
        long seq = 0;
        while (running.getAsBoolean() && System.nanoTime() < until) {
            out.write(ChatLines.say(token, seq++, random).getBytes(StandardCharsets.US_ASCII));
            counters.chatLinesSent.increment();
            Thread.sleep(50 + random.nextInt(100));
        }
        out.write("quit\n".getBytes(StandardCharsets.US_ASCII));
        reader.join(EchoClient.SO_TIMEOUT_MS); // the room closes us after quit: the reader sees the end
        if (reader.isAlive()) {
            counters.problem("chat: " + token + " was not closed within 30 s of saying quit");
        } else if (heardOwn.get() != seq - 1) {
            counters.problem("chat: " + token + " said " + seq + " lines but heard its own up to " + heardOwn.get());
        }
    }
}
