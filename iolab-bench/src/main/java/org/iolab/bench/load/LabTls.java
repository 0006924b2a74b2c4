package org.iolab.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.iolab.certs.SelfSigned;
import org.iolab.certs.ServerIdentity;

/**
 * The one TLS identity of a lab run: a self-signed ECDSA P-256 certificate for loopback, made
 * when a TLS scenario first needs it, written as PEM files that every TLS target serves (iolab
 * with {@code --cert/--key}, Netty's SslHandler, nginx), so that each does the same handshake;
 * and the load generator's client context, which trusts that certificate alone.
 *
 * <p>Thread rule: {@link #get} from any thread; immutable once made.
 */
public final class LabTls {

    private static volatile LabTls made;

    public final Path cert;
    public final Path key;
    public final SSLContext client;

    private LabTls(Path cert, Path key, SSLContext client) {
        this.cert = cert;
        this.key = key;
        this.client = client;
    }

    /** The run's identity, made on first use (its files deleted when the JVM exits). */
    public static LabTls get() {
        LabTls t = made;
        if (t == null) {
            synchronized (LabTls.class) {
                if (made == null) {
                    made = make();
                }
                t = made;
            }
        }
        return t;
    }

    private static LabTls make() {
        try {
            ServerIdentity id = SelfSigned.localhost(Duration.ofDays(7));
            Path dir = Files.createTempDirectory("iolab-lab-tls");
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            id.writePem(cert, key);
            for (Path p : new Path[] {dir, cert, key}) {
                p.toFile().deleteOnExit();
            }
            return new LabTls(cert, key, id.clientContext());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's certificate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the lab's certificate: " + e.getMessage(), e);
        }
    }
}
