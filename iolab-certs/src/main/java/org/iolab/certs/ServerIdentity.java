package org.iolab.certs;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.iolab.tls.TlsConfig;

/**
 * A server's certificate chain and private key, as read from PEM files ({@link PemFiles}) or
 * made here ({@link SelfSigned}), and what a person or a client needs of it: the SHA-256
 * fingerprint to compare, the public key's hash that Chromium's
 * {@code --ignore-certificate-errors-spki-list} takes, PEM files for other servers (Netty, nginx)
 * and clients ({@code curl --cacert}), and the {@link TlsConfig} iolab serves it with.
 *
 * <p>Thread rule: immutable.
 *
 * @param chain the certificate chain, the server's own first
 * @param key the private key of the first certificate
 */
public record ServerIdentity(List<X509Certificate> chain, PrivateKey key) {

    public ServerIdentity {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs a certificate");
        }
        chain = List.copyOf(chain);
    }

    /** The server's own certificate. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** The config to serve this identity with (a key store in memory, with a random password). */
    public TlsConfig tlsConfig() throws GeneralSecurityException {
        char[] password = randomPassword();
        return TlsConfig.fromKeyStore(keyStore(password), password);
    }

    /**
     * A client's TLS context that trusts this identity's certificate alone: for a client of a
     * server with a self-signed certificate ({@code HttpClient.newBuilder().sslContext(...)},
     * {@code SSLSocketFactory}, {@code SSLEngine}), and for tests. It does not check the host name
     * by itself: an {@code HttpClient} does, an {@code SSLEngine} when told to.
     */
    public SSLContext clientContext() throws GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        trust.setCertificateEntry("server", certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }

    /** A PKCS#12 key store of this identity, alias {@code iolab}. */
    public KeyStore keyStore(char[] password) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        ks.setKeyEntry("iolab", key, password, chain.toArray(X509Certificate[]::new));
        return ks;
    }

    /** The certificate's SHA-256 fingerprint ({@link Fingerprints#sha256}). */
    public String sha256Fingerprint() {
        return Fingerprints.sha256(certificate());
    }

    /** The public key's pin ({@link Fingerprints#spkiSha256}). */
    public String spkiSha256() {
        return Fingerprints.spkiSha256(certificate());
    }

    /** What a person should hear about this certificate now: expired, not yet valid; empty when neither. */
    public List<String> warnings(Instant now) {
        List<String> w = new ArrayList<>();
        X509Certificate c = certificate();
        if (now.isAfter(c.getNotAfter().toInstant())) {
            w.add("the certificate expired on " + c.getNotAfter().toInstant() + ": clients will refuse it");
        } else if (now.isBefore(c.getNotBefore().toInstant())) {
            w.add("the certificate is not valid until " + c.getNotBefore().toInstant() + ": clients will refuse it");
        }
        return w;
    }

    /** The chain as PEM text ({@code -----BEGIN CERTIFICATE-----}, the server's own first). */
    public String certificatePem() {
        try {
            return pem(chain.toArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes the chain and the key (unencrypted PKCS#8, readable by its owner only) as PEM files. */
    public void writePem(Path certificateFile, Path keyFile) throws IOException {
        Files.writeString(certificateFile, certificatePem());
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate()));
    }

    private static String pem(Object... objects) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        }
        return s.toString();
    }

    private static char[] randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b).toCharArray();
    }
}
