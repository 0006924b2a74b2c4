package example;

import java.nio.file.Path;
import java.time.Duration;
import org.iolab.apps.http.HttpProtocol;
import org.iolab.certs.PemFiles;
import org.iolab.certs.SelfSigned;
import org.iolab.certs.ServerIdentity;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;

/**
 * Serves {@link ItemsApi} over HTTPS on port 8443 (or the first argument): with the certificate
 * and key of two PEM files when given as the second and third arguments, else a self-signed
 * certificate for localhost made now (its PEM printed, for a client to trust).
 */
public final class Main {

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8443;
        ServerIdentity identity = args.length > 2
                ? PemFiles.read(Path.of(args[1]), Path.of(args[2]))
                : SelfSigned.localhost(Duration.ofDays(30));
        try (Server server = start(port, identity)) {
            if (args.length <= 2) {
                System.out.print(identity.certificatePem()); // curl --cacert this.pem https://localhost:8443/items
            }
            System.out.println("listening on https://localhost:" + server.port() + " engine=" + server.engine().name());
            server.awaitShutdown();
        }
    }

    // region tls
    /** The API over TLS with {@code identity}: a self-signed one, or one read from PEM files. */
    static Server start(int port, ServerIdentity identity) throws Exception {
        ServerConfig config = ServerConfig.builder()
                .port(port)
                .tls(identity.tlsConfig()) // TLS 1.3 and 1.2, strong suites only, on every engine
                .build();
        return Server.start(config, HttpProtocol.application(new ItemsApi().router(new Jackson())));
    }
    // end tls
}
