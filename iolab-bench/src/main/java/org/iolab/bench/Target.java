package org.iolab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A server the lab can run: an iolab engine ({@code epoll}) or a peer ({@code netty-epoll}),
 * and the command line that starts it in a process of its own.
 *
 * @param name what the tables call it
 * @param peer whether it is a peer rather than an iolab engine
 * @param extraArgs more {@code serve} flags (a pool size, a trigger)
 */
public record Target(String name, boolean peer, List<String> extraArgs) {

    public static final List<String> PEERS = List.of("netty-nio", "netty-epoll", "netty-iouring");

    public Target {
        extraArgs = List.copyOf(extraArgs);
    }

    public static Target of(String name) {
        return new Target(name, PEERS.contains(name), List.of());
    }

    public Target with(String... args) {
        List<String> all = new ArrayList<>(extraArgs);
        all.addAll(List.of(args));
        return new Target(name, peer, all);
    }

    /** The command: this JVM's java and class path, the server's main, upper-case echo, port 0. */
    List<String> command(int eventLoops, boolean pin) {
        List<String> cmd = new ArrayList<>();
        if (pin) {
            cmd.addAll(List.of("taskset", "-c", "0"));
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(java);
        String modules = System.getProperty("jdk.module.path");
        if (modules != null && !modules.isEmpty()) { // as ./iolab runs: iolab's native code is a module
            cmd.addAll(List.of("--module-path", modules, "--add-modules", "ALL-MODULE-PATH"));
        }
        // native access for iolab's native module only; Netty (a peer) loads JNI libraries
        cmd.add(peer || modules == null || modules.isEmpty()
                ? "--enable-native-access=ALL-UNNAMED" : "--enable-native-access=org.iolab.nativeio");
        cmd.addAll(List.of("-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path")));
        if (peer) {
            cmd.addAll(List.of("org.iolab.bench.peer.NettyUpperServer", "--transport",
                    name.substring("netty-".length()), "--port", "0"));
        } else {
            cmd.addAll(List.of("org.iolab.cli.Main", "serve", "--engine", name, "--app", "upper", "--port", "0"));
        }
        if (eventLoops > 0) {
            cmd.addAll(List.of("--threads", Integer.toString(eventLoops)));
        }
        cmd.addAll(extraArgs);
        return cmd;
    }
}
