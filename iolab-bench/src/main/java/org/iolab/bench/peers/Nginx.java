package org.iolab.bench.peers;

import org.iolab.bench.load.LabTls;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * nginx as the lab's HTTP peer, the practical floor of a C server with OpenSSL (Debian's
 * {@code nginx-light}, when installed): one process ({@code master_process off}, one worker, as
 * iolab runs one loop when pinned), TechEmpower's plaintext answer at {@code /plaintext}, no
 * access log, 100,000 requests per connection (iolab's cap), over TLS with the lab's identity
 * (session tickets on, its default, as every other target sends them after a full handshake, and
 * the resumed-handshake scenario uses them; no session cache, as iolab keeps none).
 * nginx prints no listening line: a bash wrapper waits until the port answers and prints it,
 * stops nginx on SIGTERM, and idles meanwhile (the lab counts the CPU of the whole tree).
 *
 * <p>Thread rule: stateless.
 */
public final class Nginx {

    public static final String NAME = "nginx";
    private static final List<String> EXECUTABLES = List.of("/usr/sbin/nginx", "/usr/bin/nginx");

    private Nginx() {
    }

    /** Where nginx is, or {@code null}. */
    static String executable() {
        return EXECUTABLES.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }

    /** Why nginx cannot run here, or {@code null} when it can. */
    public static String missing() {
        return executable() == null ? "nginx is not installed here (apt-get install nginx-light)" : null;
    }

    /** The command that serves on a free port of 127.0.0.1 and prints the lab's listening line. */
    static List<String> command(boolean tls, boolean h2) throws IOException {
        String nginx = executable();
        if (nginx == null) {
            throw new IOException(missing());
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free now; nginx binds it a moment later
        }
        Path dir = Files.createTempDirectory("iolab-nginx");
        dir.toFile().deleteOnExit();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, port, tls, h2));
        String script = String.join("\n",
                "\"$0\" -p \"$1\" -c \"$2\" & n=$!",
                "trap 'kill -TERM $n; wait $n; rm -rf \"$1\"; exit 0' TERM INT",
                "for i in $(seq 1 200); do",
                "  if (exec 3<>/dev/tcp/127.0.0.1/$3) 2>/dev/null; then break; fi",
                "  kill -0 $n 2>/dev/null || { cat \"$1/error.log\"; exit 1; }",
                "  sleep 0.05",
                "done",
                "echo \"listening on 127.0.0.1:$3 engine=nginx app=" + (h2 ? "h2" : "http") + (tls ? " tls=openssl" : "") + "\"",
                "wait $n");
        return List.of("bash", "-c", script, nginx, dir.toString(), conf.toString(), Integer.toString(port));
    }

    /** {@code h2}: HTTP/2 on the port ({@code http2}: by prior knowledge in clear text, by ALPN over TLS). */
    static String config(Path dir, int port, boolean tls, boolean h2) {
        LabTls t = tls ? LabTls.get() : null;
        return String.join("\n",
                "daemon off;",
                "master_process off;",
                "worker_processes 1;",
                "worker_rlimit_nofile 20000;",
                "error_log " + dir.resolve("error.log") + " warn;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "events { worker_connections 20000; }",
                "http {",
                "  access_log off;",
                "  server_tokens off;",
                "  keepalive_requests 100000;",
                "  client_body_temp_path " + dir.resolve("body") + ";",
                "  proxy_temp_path " + dir.resolve("proxy") + ";",
                "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                "  scgi_temp_path " + dir.resolve("scgi") + ";",
                "  server {",
                "    listen 127.0.0.1:" + port + (tls ? " ssl" : "") + (h2 ? " http2" : "") + " backlog=4096;",
                tls ? "    ssl_certificate " + t.cert + ";\n    ssl_certificate_key " + t.key + ";\n"
                        + "    ssl_protocols TLSv1.2 TLSv1.3;\n    ssl_session_tickets on;\n    ssl_session_cache off;" : "",
                "    location = /plaintext { default_type text/plain; return 200 'Hello, World!'; }",
                "  }",
                "}",
                "");
    }
}
