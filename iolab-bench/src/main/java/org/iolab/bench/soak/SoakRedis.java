package org.iolab.bench.soak;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} for a soak whose chat room spans processes (the processes engine's
 * workers hold one room only over a bus): on a free loopback port, keeping nothing on disk,
 * stopped with the soak.
 *
 * <p>Thread rule: the soak's thread.
 */
final class SoakRedis implements AutoCloseable {

    private final Process process;
    private final int port;

    private SoakRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether Debian's redis-server is installed here. */
    static boolean installed() {
        return binary() != null;
    }

    private static String binary() {
        return Stream.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }

    /** Starts one and waits (at most 10 s) until it answers. */
    static SoakRedis start() throws IOException, InterruptedException {
        if (binary() == null) {
            throw new IOException("redis-server is not installed (apt-get install redis-server)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        SoakRedis r = new SoakRedis(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                if (s.getInputStream().read() == '+') {
                    return r;
                }
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        r.close();
        throw new IOException("redis-server did not answer on port " + port + " within 10 s");
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
