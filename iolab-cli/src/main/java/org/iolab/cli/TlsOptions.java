package org.iolab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.iolab.certs.PemFiles;
import org.iolab.certs.SelfSigned;
import org.iolab.certs.ServerIdentity;
import org.iolab.tls.TlsConfig;
import org.iolab.tls.TlsContext;
import org.iolab.tls.TlsProvider;
import picocli.CommandLine.Option;

/**
 * {@code --tls}, {@code --cert}, {@code --key}, {@code --password-env}, {@code --handshake-timeout}
 * and {@code --tls-provider}, for {@code serve} and {@code compare --live}: PEM files (a chain
 * and its key), a PKCS#12 file (its password from an environment variable), or, with neither, a
 * self-signed certificate for loopback made at start, its PEM and fingerprints printed so that
 * {@code curl --cacert FILE} and a browser's pin work at once.
 *
 * <p>Thread rule: {@link #config} once, on the main thread.
 */
final class TlsOptions {

    static final String DEFAULT_PASSWORD_ENV = "IOLAB_CERT_PASSWORD";
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(30);

    @Option(names = "--tls", description = "speak TLS (1.3 and 1.2) on every connection; without --cert, a self-signed "
            + "certificate for localhost, 127.0.0.1 and ::1 is made at start and its fingerprint printed")
    boolean tls;

    @Option(names = "--cert", paramLabel = "FILE", description = "with --tls: the certificate chain (PEM, with --key), "
            + "or a PKCS#12 file (.p12, alone; its password in $" + DEFAULT_PASSWORD_ENV + " or --password-env)")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "with --tls --cert: the private key (PEM, PKCS#8 or "
            + "traditional EC/RSA, unencrypted)")
    Path key;

    @Option(names = "--password-env", paramLabel = "VAR", defaultValue = DEFAULT_PASSWORD_ENV,
            description = "the environment variable that holds the PKCS#12 file's password; default: ${DEFAULT-VALUE}")
    String passwordEnv;

    @Option(names = "--handshake-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "with --tls: a client that has not finished its handshake by then is closed (0: never); "
                    + "default: ${DEFAULT-VALUE}")
    double handshakeTimeout;

    @Option(names = "--tls-provider", defaultValue = "jdk", paramLabel = "NAME",
            description = "with --tls: whose TLS runs: jdk (the JDK's SSLEngine), openssl (the system's libssl.so.3 "
                    + "through FFM), or auto (openssl where libssl.so.3 loads, else jdk); default: ${DEFAULT-VALUE}")
    String provider;

    /**
     * The TLS to serve with, or {@code null} without {@code --tls}. Prints to {@code out} what a
     * client needs of a self-signed certificate, and warnings (an expired certificate) to {@code err}.
     *
     * @throws IllegalArgumentException for flags that do not go together, or files that cannot serve
     */
    TlsConfig config(List<String> alpn, PrintWriter out, PrintWriter err) {
        if (!tls) {
            if (cert != null || key != null || !provider.equals("jdk")) {
                throw new IllegalArgumentException((cert != null ? "--cert" : key != null ? "--key" : "--tls-provider")
                        + " needs --tls");
            }
            return null;
        }
        try {
            TlsConfig config;
            if (cert == null) {
                if (key != null) {
                    throw new IllegalArgumentException("--key needs --cert (the certificate it belongs to)");
                }
                config = announce(SelfSigned.localhost(SELF_SIGNED_VALIDITY), out);
            } else if (key == null) {
                config = pkcs12();
            } else {
                ServerIdentity id = PemFiles.read(cert, key);
                id.warnings(Instant.now()).forEach(w -> err.println("iolab: warning: " + cert + ": " + w));
                config = id.tlsConfig();
            }
            config = config.withApplicationProtocols(alpn)
                    .withHandshakeTimeout(ServeCommand.seconds("--handshake-timeout", handshakeTimeout))
                    .withProvider(TlsProvider.named(provider));
            try (TlsContext ready = config.newContext()) { // the provider's refusal now, not at the first client
                out.println("tls: provider " + config.provider().name() + " (" + ready.description() + ")");
            }
            return config;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls: " + e.getMessage(), e);
        } finally {
            err.flush();
            out.flush();
        }
    }

    private TlsConfig pkcs12() throws IOException, GeneralSecurityException {
        if (Files.isReadable(cert) && Files.readString(cert, java.nio.charset.StandardCharsets.ISO_8859_1).contains("-----BEGIN")) {
            throw new IllegalArgumentException("--cert " + cert + " is PEM: give its key with --key FILE "
                    + "(a PKCS#12 file goes alone)");
        }
        if (!Files.isReadable(cert)) {
            throw new IOException(cert + ": " + (Files.exists(cert) ? "not readable (permission denied)" : "no such file"));
        }
        String password = System.getenv(passwordEnv);
        try {
            return TlsConfig.pkcs12(cert, password == null ? new char[0] : password.toCharArray());
        } catch (IOException e) {
            throw new IOException(e.getMessage() + (password == null ? " (no password: $" + passwordEnv + " is not set)" : ""), e);
        }
    }

    /** A self-signed identity for loopback, announced on {@code out} (its PEM file and fingerprints). */
    static TlsConfig selfSigned(PrintWriter out) {
        try {
            return announce(SelfSigned.localhost(SELF_SIGNED_VALIDITY), out);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static TlsConfig announce(ServerIdentity selfSigned, PrintWriter out) throws IOException, GeneralSecurityException {
        Path pem = Files.createTempFile("iolab-cert-", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, selfSigned.certificatePem());
        out.println("tls: self-signed certificate for localhost, 127.0.0.1, ::1, made now, valid "
                + SELF_SIGNED_VALIDITY.toDays() + " days: " + pem);
        out.println("tls: sha256 fingerprint " + selfSigned.sha256Fingerprint() + ", public key pin sha256//"
                + selfSigned.spkiSha256());
        return selfSigned.tlsConfig();
    }
}
