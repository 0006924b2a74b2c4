package org.iolab.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} or {@code redis-sentinel} (Debian's packages; {@code .ci/run}
 * installs them) on a free port, for one test: without persistence unless asked
 * ({@link #persistent}), in a network namespace when asked ({@link #in}). {@link #stop} and
 * {@link #startAgain} on the same port and files play a crash and a restart. Every wait is bounded.
 */
final class RedisServer implements AutoCloseable {

    private final String host;
    private final int port;
    private final Path dir;
    private final List<String> command;
    private Process process;

    private RedisServer(String host, int port, Path dir, List<String> command) {
        this.host = host;
        this.port = port;
        this.dir = dir;
        this.command = command;
    }

    /** A Redis on 127.0.0.1 that keeps nothing on disk. */
    static RedisServer start() throws Exception {
        return start("--save", "", "--appendonly", "no");
    }

    /** A Redis on 127.0.0.1 with its append-only file on, written through at every command ({@code appendfsync always}). */
    static RedisServer persistent() throws Exception {
        return start("--save", "", "--appendonly", "yes", "--appendfsync", "always");
    }

    /** A Redis on 127.0.0.1 with these further arguments ({@code --replicaof 127.0.0.1 PORT}, ...). */
    static RedisServer start(String... args) throws Exception {
        int port = freePort();
        Path dir = Files.createTempDirectory("iolab-redis-test");
        List<String> cmd = new ArrayList<>(List.of(binary("redis-server"), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString()));
        cmd.addAll(List.of(args));
        RedisServer r = new RedisServer("127.0.0.1", port, dir, cmd);
        r.startAgain();
        return r;
    }

    /** A Redis in network namespace {@code namespace}, listening on all its addresses ({@code host} among them). */
    static RedisServer in(String namespace, String host) throws Exception {
        int port = 6379;
        Path dir = Files.createTempDirectory("iolab-redis-test");
        RedisServer r = new RedisServer(host, port, dir, List.of("ip", "netns", "exec", namespace, binary("redis-server"),
                "--port", Integer.toString(port), "--bind", "0.0.0.0", "--protected-mode", "no", "--save", "",
                "--appendonly", "no", "--dir", dir.toString()));
        r.startAgain();
        return r;
    }

    /** A Redis Sentinel on 127.0.0.1 watching the primary {@code name} at {@code primaryPort} (quorum 2, down after 1 s). */
    static RedisServer sentinel(String name, int primaryPort) throws Exception {
        int port = freePort();
        Path dir = Files.createTempDirectory("iolab-sentinel-test");
        Path conf = dir.resolve("sentinel.conf"); // a sentinel rewrites its file: one of its own
        Files.writeString(conf, String.join("\n", "port " + port, "bind 127.0.0.1", "dir " + dir,
                "sentinel monitor " + name + " 127.0.0.1 " + primaryPort + " 2",
                "sentinel down-after-milliseconds " + name + " 1000",
                "sentinel failover-timeout " + name + " 5000", ""));
        RedisServer r = new RedisServer("127.0.0.1", port, dir, List.of(binary("redis-sentinel"), conf.toString()));
        r.startAgain();
        return r;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String binary(String name) {
        return java.util.stream.Stream.of("/usr/bin/" + name, "/usr/local/bin/" + name)
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElseThrow(() -> new IllegalStateException(
                        name + " is not installed (apt-get install " + name + "; .ci/run does it)"));
    }

    int port() {
        return port;
    }

    String uri() {
        return "redis://" + host + ":" + port;
    }

    /** {@code host:port}, as a Sentinel URI lists it. */
    String address() {
        return host + ":" + port;
    }

    /** Starts it (again) on its port, with its files, and waits until it answers. */
    void startAgain() throws Exception {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(host, port)) {
                s.getOutputStream().write("PING\r\n".getBytes());
                if (s.getInputStream().read() == '+') {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException(command.getFirst() + " did not answer on " + host + ":" + port + ": "
                + Files.readString(dir.resolve("redis.log")));
    }

    /** Stops it at once (SIGKILL: a crash, not a shutdown). */
    void stop() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly); // ip netns exec's child
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        stop();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
