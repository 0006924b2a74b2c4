package org.iolab.admin;

import java.io.IOException;
import java.time.Duration;
import org.iolab.apps.http.HttpProtocol;
import org.iolab.apps.http.HttpService;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.iolab.tls.TlsConfig;

/**
 * A live page's HTTP server: iolab's own http app on the default engine, serving
 * {@code routes}, with the header deadline's 408 and no idle timeout (a page only listens to its
 * event stream).
 *
 * <p>Thread rule: stateless.
 */
public final class HttpSite {

    private HttpSite() {
    }

    /**
     * @param tls HTTPS with this identity ({@code http/1.1} by ALPN), or {@code null} for clear text
     * @throws IOException when the address cannot be bound
     */
    public static Server start(String host, int port, HttpService routes, TlsConfig tls) throws IOException {
        ServerConfig config = ServerConfig.builder().host(host).port(port).idleTimeout(Duration.ZERO)
                .shutdownGrace(Duration.ofSeconds(1))
                .tls(tls == null ? null : tls.withApplicationProtocols(org.iolab.apps.http.HttpProtocol.ALPN)).build();
        return Server.start(config, HttpProtocol.application(routes));
    }

    /** A page's address: {@code http://127.0.0.1:9090/} ({@code https://} over TLS). */
    public static String url(Server server) {
        return (server.config().tls() == null ? "http://" : "https://")
                + org.iolab.protocol.Addresses.shown(server.localAddress()) + "/";
    }
}
