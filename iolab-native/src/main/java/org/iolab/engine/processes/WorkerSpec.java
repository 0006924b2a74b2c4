package org.iolab.engine.processes;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iolab.server.ServerConfig;
import org.iolab.tls.TlsConfig;

/**
 * What a worker is told to serve, as one control line: its server config (its inner engine,
 * how it gets its listening socket) and the recipe of the application. Encoded as a query
 * string ({@code host=127.0.0.1&port=9000&...&recipe=menu}), every value URL-encoded. Over
 * TLS the key store goes too, as PKCS#12 in base64 with its password: the control line is a
 * socket only the supervisor and its worker hold, never a command line or a file.
 *
 * <p>Thread rule: immutable.
 *
 * @param config the worker's server config
 * @param recipe the application's recipe (see {@link org.iolab.server.ApplicationProvider})
 */
record WorkerSpec(ServerConfig config, String recipe) {

    private static final String OPTION = "option.";
    private static final String TLS = "tls.";

    private static org.iolab.server.Workers workers(String text) {
        String[] n = text.split(",");
        return org.iolab.server.Workers.DEFAULT.withMaxRunning(Integer.parseInt(n[0]))
                .withMaxWaiting(Integer.parseInt(n[1])).withPerConnection(Integer.parseInt(n[2]));
    }

    String encode() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("host", config.host());
        m.put("port", Integer.toString(config.port()));
        m.put("engine", config.engine());
        m.put("eventLoops", Integer.toString(config.eventLoops()));
        m.put("highWater", Integer.toString(config.highWater()));
        m.put("lowWater", Integer.toString(config.lowWater()));
        m.put("maxConnections", Integer.toString(config.maxConnections()));
        m.put("backlog", Integer.toString(config.backlog()));
        m.put("readBufferSize", Integer.toString(config.readBufferSize()));
        m.put("shutdownGrace", config.shutdownGrace().toString());
        m.put("lineTimeout", config.lineTimeout().toString());
        m.put("idleTimeout", config.idleTimeout().toString());
        m.put("writeStallTimeout", config.writeStallTimeout().toString());
        m.put("reusePort", Boolean.toString(config.reusePort()));
        m.put("inheritedListener", Boolean.toString(config.inheritedListener()));
        m.put("workers", config.workers().maxRunning() + "," + config.workers().maxWaiting() + ","
                + config.workers().perConnection()); // each worker process its own pool, virtual threads
        m.put("blockedLoopWarning", config.blockedLoopWarning().toString());
        config.options().forEach((k, v) -> m.put(OPTION + k, v));
        TlsConfig tls = config.tls();
        if (tls != null) {
            m.put(TLS + "pkcs12", Base64.getEncoder().encodeToString(tls.pkcs12Bytes()));
            m.put(TLS + "password", new String(tls.password()));
            m.put(TLS + "alpn", String.join(",", tls.applicationProtocols()));
            m.put(TLS + "handshakeTimeout", tls.handshakeTimeout().toString());
            m.put(TLS + "provider", tls.provider().name());
        }
        m.put("recipe", recipe);
        StringBuilder s = new StringBuilder();
        m.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    /** @throws IllegalArgumentException when a field is missing or malformed */
    static WorkerSpec decode(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("malformed worker spec field: " + pair);
            }
            m.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        ServerConfig.Builder b = ServerConfig.builder().host(get(m, "host")).port(number(m, "port"))
                .engine(get(m, "engine")).eventLoops(number(m, "eventLoops"))
                .waterMarks(number(m, "lowWater"), number(m, "highWater"))
                .maxConnections(number(m, "maxConnections")).backlog(number(m, "backlog"))
                .readBufferSize(number(m, "readBufferSize"))
                .shutdownGrace(Duration.parse(get(m, "shutdownGrace"))).lineTimeout(Duration.parse(get(m, "lineTimeout")))
                .idleTimeout(Duration.parse(get(m, "idleTimeout")))
                .writeStallTimeout(Duration.parse(get(m, "writeStallTimeout")))
                .reusePort(Boolean.parseBoolean(get(m, "reusePort")))
                .inheritedListener(Boolean.parseBoolean(get(m, "inheritedListener")))
                .workers(workers(get(m, "workers")))
                .blockedLoopWarning(Duration.parse(get(m, "blockedLoopWarning")));
        m.forEach((k, v) -> {
            if (k.startsWith(OPTION)) {
                b.option(k.substring(OPTION.length()), v);
            }
        });
        if (m.containsKey(TLS + "pkcs12")) {
            b.tls(tls(m));
        }
        return new WorkerSpec(b.build(), get(m, "recipe"));
    }

    private static TlsConfig tls(Map<String, String> m) {
        try {
            String alpn = get(m, TLS + "alpn");
            return TlsConfig.pkcs12(Base64.getDecoder().decode(get(m, TLS + "pkcs12")), get(m, TLS + "password").toCharArray())
                    .withApplicationProtocols(alpn.isEmpty() ? List.of() : List.of(alpn.split(",")))
                    .withHandshakeTimeout(Duration.parse(get(m, TLS + "handshakeTimeout")))
                    .withProvider(org.iolab.tls.TlsProvider.named(m.getOrDefault(TLS + "provider", "jdk")));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("worker spec with an unusable TLS key store: " + e.getMessage(), e);
        }
    }

    private static String get(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("worker spec without " + key);
        }
        return v;
    }

    private static int number(Map<String, String> m, String key) {
        return Integer.parseInt(get(m, key));
    }
}
