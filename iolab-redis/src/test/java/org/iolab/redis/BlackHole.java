package org.iolab.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy to a port on 127.0.0.1 that can turn into a black hole: while {@link #swallow}
 * is on, it keeps every connection open and drops what either side sends, as a network
 * partition does that resets nothing. New connections are accepted throughout (and swallowed
 * too while it is on).
 *
 * <p>Thread rule: a thread per direction of each connection, its own; {@link #swallow} from any.
 */
final class BlackHole implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean swallowing;

    private BlackHole(ServerSocket listener, int target) {
        this.listener = listener;
        this.target = target;
    }

    /** A proxy on a free port of 127.0.0.1 to {@code targetPort}. */
    static BlackHole to(int targetPort) throws IOException {
        BlackHole b = new BlackHole(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
        Thread.ofPlatform().daemon(true).name("black-hole-accept").start(b::accept);
        return b;
    }

    String uri() {
        return "redis://127.0.0.1:" + listener.getLocalPort();
    }

    /** Drops everything from now on (true), or passes it on again (false). */
    void swallow(boolean on) {
        swallowing = on;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon(true).name("black-hole-pump").start(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!swallowing) {
                        out.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // one side went: the other goes with it
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(BlackHole::closeQuietly);
    }
}
