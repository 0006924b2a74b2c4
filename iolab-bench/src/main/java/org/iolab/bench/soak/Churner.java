package org.iolab.bench.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The soak's rude clients: every few milliseconds one connects to a random server, maybe sends
 * a few bytes (never a whole line), and leaves, mostly with a reset, sometimes with a plain
 * close, sometimes without ever sending. Nobody checks them; the others must not notice.
 *
 * <p>Thread rule: {@link #run} on one thread of its own.
 */
final class Churner implements Runnable {

    private final List<InetSocketAddress> servers;
    private final SoakCounters counters;
    private final BooleanSupplier running;
    private final SplittableRandom random;
    private final int pauseMillis;

    Churner(List<InetSocketAddress> servers, SoakCounters counters, BooleanSupplier running, long seed, int pauseMillis) {
        this.servers = List.copyOf(servers);
        this.counters = counters;
        this.running = running;
        this.random = new SplittableRandom(seed);
        this.pauseMillis = pauseMillis;
    }

    @Override
    public void run() {
        byte[] junk = new byte[4096];
        while (running.getAsBoolean()) {
            try (Socket s = new Socket()) {
                s.connect(servers.get(random.nextInt(servers.size())), EchoClient.SO_TIMEOUT_MS);
                int r = random.nextInt(10);
                if (r < 7) {
                    random.nextBytes(junk);
                    for (int i = 0; i < junk.length; i++) {
                        if (junk[i] == '\n') {
                            junk[i] = 'x'; // never a whole line
                        }
                    }
                    s.getOutputStream().write(junk, 0, 1 + random.nextInt(junk.length));
                }
                if (r < 8) {
                    s.setSoLinger(true, 0); // a reset, maybe with replies in flight
                }
                counters.churned.increment();
            } catch (IOException e) {
                // a rude client may be refused or reset; that is not the server's fault
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
