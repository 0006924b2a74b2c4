package org.iolab.apps.ws;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that watches every open WebSocket of the process, every quarter of a second:
 * it pings a socket that has been quiet for an interval, drops one whose peer has sent nothing
 * (not even a pong) for two (a dead peer: no reset ever came), and closes with 1008 one whose
 * frame has been arriving for longer than the frame timeout (a frame begun and never finished).
 *
 * <p>Thread rule: any thread registers; the checks run on the pinger's thread and touch the
 * sockets only through their thread-safe methods.
 */
final class Pinger {

    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("iolab-ws-pinger").daemon(true).unstarted(r));
    private static final Set<WebSocketProtocol> OPEN = ConcurrentHashMap.newKeySet();
    private static final long TICK_MILLIS = 250;

    static {
        CLOCK.scheduleAtFixedRate(Pinger::check, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private Pinger() {
    }

    static void watch(WebSocketProtocol ws) {
        OPEN.add(ws);
    }

    static void forget(WebSocketProtocol ws) {
        OPEN.remove(ws);
    }

    private static void check() {
        long now = System.nanoTime();
        for (WebSocketProtocol ws : OPEN) {
            try {
                ws.tick(now);
            } catch (RuntimeException e) {
                OPEN.remove(ws); // never the clock's end
            }
        }
    }
}
