package org.iolab.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.iolab.certs.SelfSigned;
import org.iolab.certs.ServerIdentity;
import org.iolab.server.Application;
import org.iolab.server.Server;
import org.iolab.server.ServerConfig;
import org.iolab.tls.TlsConfig;
import org.iolab.tls.TlsProvider;

/**
 * TLS for the contract suite: one self-signed identity for the run, servers that serve it, and
 * JDK clients ({@link SSLSocket}, not iolab's own TLS) that trust it alone.
 */
final class Tls {

    static final ServerIdentity IDENTITY;
    private static final SSLContext CLIENT;

    static {
        try {
            IDENTITY = SelfSigned.localhost(Duration.ofDays(1));
            CLIENT = IDENTITY.clientContext();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Tls() {
    }

    /**
     * The TLS provider the suite runs on: the JDK's, or the one the system property
     * {@code iolab.test.tls.provider} names (the build runs the TLS cases a second time on
     * {@code openssl}).
     */
    static final String PROVIDER = System.getProperty("iolab.test.tls.provider", "jdk");

    /** The server's TLS: the test identity, handshakes bounded by {@code handshakeTimeout}, on {@link #PROVIDER}. */
    static TlsConfig config(Duration handshakeTimeout) {
        try {
            return IDENTITY.tlsConfig().withHandshakeTimeout(handshakeTimeout).withProvider(TlsProvider.named(PROVIDER));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Server start(String engine, Application app) {
        return start(engine, app, Duration.ofSeconds(10));
    }

    static Server start(String engine, Application app, Duration handshakeTimeout) {
        ServerConfig c = Servers.config(engine).toBuilder().tls(config(handshakeTimeout)).build();
        return Servers.start(c, app);
    }

    /** The clients' TLS: trusts the test identity alone (for the JDK's HttpClient). */
    static SSLContext clientContext() {
        return CLIENT;
    }

    /** A TLS client, handshaken, reads bounded by {@link Client#TIMEOUT_MS}. */
    static SSLSocket connect(Server server) throws IOException {
        Socket raw = new Socket();
        raw.connect(new InetSocketAddress("127.0.0.1", server.port()), Client.TIMEOUT_MS);
        return over(raw);
    }

    /** TLS over {@code raw}, which stays open when the TLS socket closes (to cut it without close_notify). */
    static SSLSocket over(Socket raw) throws IOException {
        raw.setSoTimeout(Client.TIMEOUT_MS);
        raw.setTcpNoDelay(true);
        SSLSocket s = (SSLSocket) CLIENT.getSocketFactory().createSocket(raw, "localhost", raw.getPort(), false);
        s.startHandshake();
        return s;
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
