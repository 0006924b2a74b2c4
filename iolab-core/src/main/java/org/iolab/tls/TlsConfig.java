package org.iolab.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * How a server speaks TLS: its certificate and key, and the rules every connection gets. The
 * rules are fixed and strict: TLS 1.3 and 1.2 only (SSLv3, 1.0 and 1.1 refused), the JDK's
 * default suites that are AEAD with forward secrecy (Mozilla's "intermediate" profile: no CBC,
 * RC4, 3DES or export suites), SNI (with several keys in the key store, the first whose
 * certificate holds the name the client asked for, else the store's first: {@link CertificateNames}), ALPN when the application names its
 * protocols ({@code http/1.1} for the http app), and no renegotiation (a TLS 1.2 client that asks
 * for one is closed).
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.pkcs12(Path.of("server.p12"), password).withApplicationProtocols(List.of("http/1.1"));
 * ServerConfig config = ServerConfig.builder().port(8443).tls(tls).build();
 * }</pre>
 *
 * <p>Reading PEM files and making a self-signed certificate is outside the core (the module
 * iolab-certs, on BouncyCastle: {@code PemFiles}, {@code SelfSigned}, {@code ServerIdentity});
 * a {@link KeyStore} is what this class takes. Whose TLS runs is the {@link TlsProvider}'s
 * choice: the JDK's {@code SSLEngine} unless {@link #withProvider} names another.
 *
 * <p>Thread rule: immutable; every method from any thread.
 */
public final class TlsConfig {

    /** The handshake deadline unless told otherwise (as Netty's SslHandler's). */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    static {
        // The JDK refuses a client's renegotiation with a fatal alert only when told so, and reads
        // the setting once, at its first server handshake: set it before that, unless the user
        // chose. Where the JDK was already told otherwise, TlsSession still refuses (it closes).
        if (System.getProperty(REJECT_RENEGOTIATION) == null) {
            System.setProperty(REJECT_RENEGOTIATION, "true");
        }
    }

    private final SSLContext context;
    private final byte[] pkcs12;        // the key store again, for worker processes; null when given a context
    private final char[] password;
    private final List<String> applicationProtocols;
    private final Duration handshakeTimeout;
    private final TlsProvider provider;
    private final String[] suites;

    private TlsConfig(SSLContext context, byte[] pkcs12, char[] password, List<String> applicationProtocols,
                      Duration handshakeTimeout, TlsProvider provider) {
        this.context = context;
        this.pkcs12 = pkcs12;
        this.password = password;
        this.applicationProtocols = List.copyOf(applicationProtocols);
        this.handshakeTimeout = handshakeTimeout;
        this.provider = Objects.requireNonNull(provider, "provider");
        this.suites = strongSuites(context.getDefaultSSLParameters().getCipherSuites());
    }

    /**
     * A server whose certificate chain and private key are in {@code keyStore} (one key entry,
     * or several told apart by SNI), each key protected by {@code password}.
     *
     * @throws GeneralSecurityException when the key store holds no usable key or the password is wrong
     */
    public static TlsConfig fromKeyStore(KeyStore keyStore, char[] password) throws GeneralSecurityException {
        Objects.requireNonNull(keyStore, "keyStore");
        char[] pw = password == null ? new char[0] : password.clone();
        if (!hasKey(keyStore)) {
            throw new GeneralSecurityException("the key store holds no private key with its certificate");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            KeyStore copy = KeyStore.getInstance("PKCS12");
            copy.load(null, null);
            for (String alias : java.util.Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    copy.setKeyEntry(alias, keyStore.getKey(alias, pw), pw, keyStore.getCertificateChain(alias));
                }
            }
            copy.store(bytes, pw);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot copy the key store: " + e.getMessage(), e);
        }
        return new TlsConfig(context(keyStore, pw), bytes.toByteArray(), pw, List.of(), DEFAULT_HANDSHAKE_TIMEOUT,
                TlsProvider.jdk());
    }

    /**
     * A server whose key store is the PKCS#12 file {@code file}.
     *
     * @throws IOException when the file cannot be read, or is not PKCS#12, or the password is wrong
     * @throws GeneralSecurityException when it holds no usable key
     */
    public static TlsConfig pkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        return pkcs12(Files.readAllBytes(file), password, file.toString());
    }

    /** {@link #pkcs12(Path, char[])} from the file's bytes. */
    public static TlsConfig pkcs12(byte[] pkcs12, char[] password) throws IOException, GeneralSecurityException {
        return pkcs12(pkcs12, password, "the PKCS#12 key store");
    }

    private static TlsConfig pkcs12(byte[] pkcs12, char[] password, String name) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(pkcs12)) {
            ks.load(in, password);
        } catch (IOException e) {
            throw new IOException(name + " cannot be read as PKCS#12 with that password: " + e.getMessage(), e);
        }
        return fromKeyStore(ks, password);
    }

    /**
     * A server on a context of the caller's own (its key managers, its provider). Such a config
     * cannot be handed to other processes: the processes engine refuses it.
     */
    public static TlsConfig of(SSLContext context) {
        return new TlsConfig(Objects.requireNonNull(context, "context"), null, null, List.of(), DEFAULT_HANDSHAKE_TIMEOUT,
                TlsProvider.jdk());
    }

    /** The same, offering these ALPN protocol ids (a client that offers others is refused, as RFC 7301 says). */
    public TlsConfig withApplicationProtocols(List<String> protocols) {
        return new TlsConfig(context, pkcs12, password, protocols, handshakeTimeout, provider);
    }

    /** The same, closing a connection whose handshake is not done within {@code timeout} (zero: never). */
    public TlsConfig withHandshakeTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("the handshake timeout must be zero or positive");
        }
        return new TlsConfig(context, pkcs12, password, applicationProtocols, timeout, provider);
    }

    /**
     * The same, on {@code provider}'s TLS ({@link TlsProvider#jdk()} unless told otherwise).
     * A provider other than the JDK's needs the key store's bytes: a config made from a
     * context of the caller's own ({@link #of}) can only run on the JDK's.
     */
    public TlsConfig withProvider(TlsProvider provider) {
        if (provider != TlsProvider.jdk() && pkcs12 == null) {
            throw new IllegalArgumentException("TLS provider " + provider.name()
                    + " needs the key store (a config made from an SSLContext runs on the JDK's only)");
        }
        return new TlsConfig(context, pkcs12, password, applicationProtocols, handshakeTimeout, provider);
    }

    /** Whose TLS runs: the JDK's unless {@link #withProvider} said otherwise. */
    public TlsProvider provider() {
        return provider;
    }

    /**
     * The server's context on this config's provider (what a server makes once, at start).
     *
     * @throws GeneralSecurityException when the provider cannot use the keys
     */
    public TlsContext newContext() throws GeneralSecurityException {
        return provider.newContext(this);
    }

    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** The key store as PKCS#12 bytes, for a process that makes this config again; {@code null} when made from a context. */
    public byte[] pkcs12Bytes() {
        return pkcs12 == null ? null : pkcs12.clone();
    }

    /** The key store's password (see {@link #pkcs12Bytes}); {@code null} when made from a context. */
    public char[] password() {
        return password == null ? null : password.clone();
    }

    /** A fresh JDK engine in server mode with this config's rules, for one connection (the JDK provider's). */
    public SSLEngine newServerEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(PROTOCOLS);
        p.setCipherSuites(suites);
        p.setUseCipherSuitesOrder(true);
        if (!applicationProtocols.isEmpty()) {
            p.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
        }
        engine.setSSLParameters(p);
        return engine;
    }

    /** The JDK's default suites without those that lack forward secrecy or an AEAD cipher. */
    static String[] strongSuites(String[] defaults) {
        return Arrays.stream(defaults)
                .filter(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")
                        || (s.startsWith("TLS_ECDHE_") || s.startsWith("TLS_DHE_RSA_"))
                        && (s.contains("_GCM_") || s.contains("_CHACHA20_")))
                .toArray(String[]::new);
    }

    private static boolean hasKey(KeyStore ks) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias) && ks.getCertificateChain(alias) != null) {
                return true;
            }
        }
        return false;
    }

    private static SSLContext context(KeyStore ks, char[] password) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, password);
        javax.net.ssl.KeyManager[] managers = kmf.getKeyManagers();
        for (int i = 0; i < managers.length; i++) {
            if (managers[i] instanceof javax.net.ssl.X509ExtendedKeyManager x) {
                managers[i] = new CachingKeyManager(x); // the key read once, not decrypted per handshake; SNI
            }
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(managers, null, null);
        return ctx;
    }
}
