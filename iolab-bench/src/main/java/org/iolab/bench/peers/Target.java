package org.iolab.bench.peers;

import org.iolab.bench.load.LabTls;
import java.util.ArrayList;
import java.util.List;
import org.iolab.engine.support.ThisJvm;
import org.iolab.server.Engine;
import org.iolab.server.Engines;

/**
 * A server the lab can run: an iolab engine ({@code epoll}) or a peer ({@code netty-epoll}),
 * and the command line that starts it in a process of its own.
 *
 * @param name what the tables call it
 * @param peer whether it is a peer rather than an iolab engine
 * @param app the app it serves ({@code upper}, {@code http}, {@code ws}, or {@code h2}: the http app
 *     spoken as HTTP/2, which h2load drives)
 * @param jvmArgs options for the server's JVM (a heap limit)
 * @param extraArgs more {@code serve} flags (a pool size, a trigger)
 * @param tls whether it serves over TLS, the lab's one identity ({@link LabTls}); a target named
 *     {@code +openssl} does it on OpenSSL (a Netty peer on BoringSSL, an iolab engine on the
 *     system's libssl, {@code --tls-provider openssl}), the others on the JDK's SSLEngine
 */
public record Target(String name, boolean peer, String app, List<String> jvmArgs, List<String> extraArgs, boolean tls) {

    /** The peers: Netty on each transport, and nginx (HTTP only; Debian's, when installed). */
    public static final List<String> PEERS = List.of("netty-nio", "netty-epoll", "netty-iouring", Nginx.NAME);
    /** A TLS comparison's variant on OpenSSL: {@code netty-epoll+openssl}, {@code epoll+openssl}. */
    public static final String OPENSSL = "+openssl";
    /**
     * The iolab engines a TLS comparison also runs on the OpenSSL provider (where it loads): the
     * native engines, whose buffers OpenSSL reads and writes in place.
     */
    static final List<String> OPENSSL_ENGINES = List.of("epoll", "iouring");
    /** The peers' servers, by the app they serve. */
    private static final java.util.Map<String, String> PEER_MAINS = java.util.Map.of(
            "upper", "org.iolab.bench.peers.NettyUpperServer", "http", "org.iolab.bench.peers.NettyHttpServer",
            "ws", "org.iolab.bench.peers.NettyWebSocketServer", "h2", "org.iolab.bench.peers.NettyHttp2Server",
            "heavy", "org.iolab.bench.peers.NettyHeavyServer", "heavy-offload", "org.iolab.bench.peers.NettyHeavyServer");
    /**
     * The JVM options a Netty peer runs with: TechEmpower's Netty entry's own, so Netty is
     * measured at its best (Unsafe allowed, on JDK 24+ Netty 4.2 otherwise goes without it; no
     * bounds and accessibility checks on its buffers).
     */
    static final List<String> PEER_JVM = List.of("-Dio.netty.noUnsafe=false", "--sun-misc-unsafe-memory-access=allow",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Dio.netty.buffer.checkBounds=false",
            "-Dio.netty.buffer.checkAccessible=false");
    /** The connection limit the lab's iolab servers run with. */
    static final int MAX_CONNECTIONS = 20_000;

    public Target {
        if (peer && !PEER_MAINS.containsKey(app)) {
            throw new IllegalArgumentException("peer " + name + " serves the upper, http, ws, h2 and heavy apps only, not " + app);
        }
        if (peer && name.equals(Nginx.NAME) && !serves(name, app)) {
            throw new IllegalArgumentException("peer nginx serves the http and h2 apps only, not " + app);
        }
        jvmArgs = List.copyOf(jvmArgs);
        extraArgs = List.copyOf(extraArgs);
    }

    /**
     * The engine or peer that runs: the name up to a {@code +}, which marks a variant of it in
     * the tables ({@code processes+reuseport} is engine processes with {@code --reuseport}).
     */
    public String engine() {
        int plus = name.indexOf('+');
        return plus < 0 ? name : name.substring(0, plus);
    }

    /** The same server under another name in the tables (a variant: {@code processes+reuseport}). */
    public Target named(String label) {
        return new Target(label, peer, app, jvmArgs, extraArgs, tls);
    }

    /**
     * The upper-case echo on {@code name} ({@code netty-epoll+openssl}: a Netty peer on OpenSSL);
     * nginx, which serves no echo, serves http.
     */
    public static Target of(String name) {
        return new Target(name, isPeer(name), serves(name, "upper") ? "upper" : "http", List.of(), List.of(), false);
    }

    /** Whether the target {@code name} (a table's row) is a peer, a variant of one included. */
    public static boolean isPeer(String name) {
        int plus = name.indexOf('+');
        return PEERS.contains(plus < 0 ? name : name.substring(0, plus));
    }

    /**
     * What a TLS comparison runs: {@code engines} and {@code peers}, and beside them each on
     * OpenSSL: every Netty peer ({@code +openssl}: BoringSSL), and the engines of
     * {@link #OPENSSL_ENGINES} when the OpenSSL provider loads here.
     */
    public static List<String> withOpenSsl(List<String> engines, List<String> peers) {
        List<String> all = new ArrayList<>(engines);
        if (openSsl() != null) {
            engines.stream().filter(OPENSSL_ENGINES::contains).forEach(e -> all.add(e + OPENSSL));
        }
        all.addAll(peersWithOpenSsl(peers));
        return all;
    }

    /** {@code peers}, and after them each Netty peer on OpenSSL ({@code +openssl}: BoringSSL). */
    public static List<String> peersWithOpenSsl(List<String> peers) {
        List<String> all = new ArrayList<>(peers);
        peers.stream().filter(p -> p.startsWith("netty-")).forEach(p -> all.add(p + OPENSSL));
        return all;
    }

    /** The OpenSSL provider, where it loads here; else {@code null}. */
    public static org.iolab.tls.TlsProvider openSsl() {
        return org.iolab.tls.TlsProvider.all().stream()
                .filter(p -> p.name().equals("openssl") && p.unavailableReason() == null).findFirst().orElse(null);
    }

    /** The same server over TLS. */
    public Target overTls() {
        return new Target(name, peer, app, jvmArgs, extraArgs, true);
    }

    /**
     * Whether it serves {@code someApp}: every engine does (h2 is the http app, spoken as HTTP/2);
     * the Netty peers each app with a server of its own, nginx http and h2.
     */
    public static boolean serves(String target, String someApp) {
        return !target.equals(Nginx.NAME) || someApp.equals("http") || someApp.equals("h2");
    }

    /** The same server with more {@code serve} flags. */
    public Target with(String... args) {
        List<String> all = new ArrayList<>(extraArgs);
        all.addAll(List.of(args));
        return new Target(name, peer, app, jvmArgs, all, tls);
    }

    /** The same server serving {@code otherApp}. */
    public Target serving(String otherApp) {
        return new Target(name, peer, otherApp, jvmArgs, extraArgs, tls);
    }

    /** The same server with more JVM options. */
    public Target withJvm(String... args) {
        List<String> all = new ArrayList<>(jvmArgs);
        all.addAll(List.of(args));
        return new Target(name, peer, app, all, extraArgs, tls);
    }

    /**
     * The command: this JVM's java and class path, the server's main, its app, port 0 (nginx:
     * its own command, {@link Nginx}).
     */
    public List<String> command(int eventLoops, boolean pin) throws java.io.IOException {
        List<String> cmd = new ArrayList<>();
        if (pin) {
            cmd.addAll(List.of("taskset", "-c", "0"));
        }
        if (engine().equals(Nginx.NAME)) {
            cmd.addAll(Nginx.command(tls, app.equals("h2")));
            return cmd;
        }
        // native access for iolab's native module only; Netty (a peer) loads JNI libraries
        List<String> options = new ArrayList<>(List.of("-XX:+UseParallelGC"));
        if (peer) {
            options.addAll(PEER_JVM);
        }
        options.addAll(jvmArgs);
        cmd.addAll(ThisJvm.command(peer, options));
        if (peer) {
            cmd.addAll(List.of(PEER_MAINS.get(app), "--transport",
                    engine().substring("netty-".length()), "--port", "0"));
            if (tls) {
                cmd.addAll(List.of("--tls-cert", LabTls.get().cert.toString(), "--tls-key", LabTls.get().key.toString(),
                        "--ssl-provider", name.endsWith(OPENSSL) ? "openssl" : "jdk"));
            }
        } else {
            // the lab opens up to 10,010 connections (the idle sweep), past the server's default
            // limit of 10,000: the model is measured here, not the limit (which the server itself
            // lowers to its descriptor limit, and says so)
            cmd.addAll(List.of("org.iolab.cli.Main", "serve", "--engine", engine(), "--app", app.equals("h2") ? "http" : app, "--port", "0",
                    "--max-connections", Integer.toString(MAX_CONNECTIONS)));
            if (tls) {
                cmd.addAll(List.of("--tls", "--cert", LabTls.get().cert.toString(), "--key", LabTls.get().key.toString(),
                        "--tls-provider", name.endsWith(OPENSSL) ? "openssl" : "jdk"));
            }
        }
        if (eventLoops > 0 && (peer || Engines.find(engine()).map(Engine::eventLoops).orElse(false))) {
            cmd.addAll(List.of("--threads", Integer.toString(eventLoops)));
        }
        cmd.addAll(extraArgs);
        return cmd;
    }
}
