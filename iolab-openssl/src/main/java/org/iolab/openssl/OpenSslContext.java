package org.iolab.openssl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.iolab.tls.TlsConfig;
import org.iolab.tls.TlsContext;
import org.iolab.tls.TlsSession;

/**
 * One server's {@code SSL_CTX}, made from a {@link TlsConfig} with the JDK provider's rules: TLS
 * 1.3 and 1.2 only, TLS 1.2's suites ECDHE with AES-GCM or ChaCha20-Poly1305 (AEAD with forward
 * secrecy; TLS 1.3's are all AEAD), the server's preference, no compression, no renegotiation,
 * ALPN choosing the server's first protocol the client offers (none in common: the fatal
 * {@code no_application_protocol} alert, as the JDK answers), session tickets sealed by keys made here, held in memory only and rotated
 * ({@link TicketKeys}). Each key of the config's PKCS#12 store, with its chain, is handed to OpenSSL as
 * DER, one {@code SSL_CTX} each; with several, SNI chooses ({@link ServerNames}).
 *
 * <p>The ALPN callback (and with several keys the SNI one) are this context's upcall stubs;
 * they and the protocol list live in an automatic arena that each session keeps reachable, so
 * no session can call into freed memory.
 *
 * <p>Thread rule: {@link #newSession} from any thread ({@code SSL_CTX} is thread-safe once
 * made); {@link #close} from any.
 */
final class OpenSslContext implements TlsContext {

    /** A new ticket key every hour, as the JDK's default ({@code jdk.tls.server.statelessKeyTimeout}). */
    static final Duration TICKET_KEY_ROTATION = Duration.ofHours(1);
    /** A ticket is good for two hours: OpenSSL's default session timeout, the lifetime it tells clients. */
    static final Duration TICKET_LIFETIME = Duration.ofHours(2);
    private static final String TLS12_SUITES = "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL";

    private final Arena arena = Arena.ofAuto();
    /** The store's first key's, where every session starts ({@link ServerNames} may move it to another key's). */
    private final MemorySegment ctx;
    /** The server's protocols in ALPN's wire format (each length-prefixed), or NULL. */
    private final MemorySegment protocols;
    private final String description = LibSsl.version();
    private volatile boolean closed;

    private OpenSslContext(List<MemorySegment> contexts, List<X509Certificate> leaves, List<String> alpn,
                           TicketKeys tickets) throws Throwable {
        this.ctx = contexts.getFirst();
        for (MemorySegment c : contexts) { // OpenSSL seals with the session's first context's; every one has it alike
            tickets.install(c, arena);
        }
        if (contexts.size() > 1) {
            new ServerNames(contexts, leaves, arena); // its stub lives in this arena, its maps in the stub
        }
        if (alpn.isEmpty()) {
            protocols = MemorySegment.NULL;
            return;
        }
        byte[] wire = wire(alpn);
        protocols = arena.allocate(wire.length);
        protocols.copyFrom(MemorySegment.ofArray(wire));
        MemorySegment stub = Linker.nativeLinker().upcallStub(
                MethodHandles.lookup().findVirtual(OpenSslContext.class, "selectProtocol", MethodType.methodType(int.class,
                        MemorySegment.class, MemorySegment.class, MemorySegment.class, MemorySegment.class, int.class,
                        MemorySegment.class)).bindTo(this),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS), arena);
        for (MemorySegment c : contexts) { // a session moved by SNI asks its new context
            LibSsl.SSL_CTX_set_alpn_select_cb.invokeExact(c, stub, MemorySegment.NULL);
        }
    }

    /** The context over {@code contexts} (one per key, the default first), which frees them once unreachable. */
    private static OpenSslContext over(List<MemorySegment> contexts, List<X509Certificate> leaves, List<String> alpn,
                                       TicketKeys tickets) throws Throwable {
        OpenSslContext made = new OpenSslContext(contexts, leaves, alpn, tickets);
        List<MemorySegment> owned = List.copyOf(contexts);
        LibSsl.CLEANER.register(made, () -> owned.forEach(OpenSslContext::free));
        return made;
    }

    /** The context for {@code config}. @throws GeneralSecurityException when its keys cannot be used */
    static OpenSslContext of(TlsConfig config) throws GeneralSecurityException {
        return of(config, new TicketKeys(TICKET_KEY_ROTATION, TICKET_LIFETIME, System::nanoTime));
    }

    /** As {@link #of(TlsConfig)}, its tickets sealed by {@code tickets} (a test's clock). */
    static OpenSslContext of(TlsConfig config, TicketKeys tickets) throws GeneralSecurityException {
        byte[] store = config.pkcs12Bytes();
        if (store == null) {
            throw new GeneralSecurityException("the OpenSSL provider needs the key store (TlsConfig.pkcs12 or "
                    + "fromKeyStore), not a ready SSLContext");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(new ByteArrayInputStream(store), config.password());
        } catch (IOException e) {
            throw new GeneralSecurityException("the key store cannot be read: " + e.getMessage(), e);
        }
        List<String> keys = new ArrayList<>();
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                keys.add(alias);
            }
        }
        if (keys.isEmpty()) {
            throw new GeneralSecurityException("the key store holds no private key");
        }
        List<MemorySegment> made = new ArrayList<>();
        try {
            List<X509Certificate> leaves = new ArrayList<>();
            for (String alias : keys) {
                Key key = ks.getKey(alias, config.password());
                Certificate[] chain = ks.getCertificateChain(alias);
                if (!(key instanceof PrivateKey) || chain == null || chain.length == 0
                        || !(chain[0] instanceof X509Certificate leaf)) {
                    throw new GeneralSecurityException("the key store's key " + alias + " has no X.509 certificate chain");
                }
                LibSsl.clearErrors();
                MemorySegment ctx = (MemorySegment) LibSsl.SSL_CTX_new.invokeExact((MemorySegment) LibSsl.TLS_server_method.invokeExact());
                if (ctx.equals(MemorySegment.NULL)) {
                    throw new GeneralSecurityException("SSL_CTX_new failed: " + LibSsl.errors("no reason given"));
                }
                made.add(ctx);
                rules(ctx);
                use(ctx, key.getEncoded(), chain);
                leaves.add(leaf);
            }
            return over(made, leaves, config.applicationProtocols(), tickets);
        } catch (GeneralSecurityException e) {
            made.forEach(OpenSslContext::free);
            throw e;
        } catch (Throwable e) {
            made.forEach(OpenSslContext::free);
            throw new GeneralSecurityException("OpenSSL could not make the context: " + e, e);
        }
    }

    private static void rules(MemorySegment ctx) throws Throwable {
        long options = LibSsl.SSL_OP_NO_COMPRESSION | LibSsl.SSL_OP_CIPHER_SERVER_PREFERENCE | LibSsl.SSL_OP_NO_RENEGOTIATION;
        long set = (long) LibSsl.SSL_CTX_set_options.invokeExact(ctx, options);
        long min = (long) LibSsl.SSL_CTX_ctrl.invokeExact(ctx, LibSsl.SSL_CTRL_SET_MIN_PROTO_VERSION,
                (long) LibSsl.TLS1_2_VERSION, MemorySegment.NULL);
        long mode = (long) LibSsl.SSL_CTX_ctrl.invokeExact(ctx, LibSsl.SSL_CTRL_MODE,
                LibSsl.SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | LibSsl.SSL_MODE_RELEASE_BUFFERS, MemorySegment.NULL);
        // no session cache: the tickets carry the sessions (stateless); OpenSSL's cache would
        // otherwise keep every full handshake's session, 20,480 of them for two hours
        long cache = (long) LibSsl.SSL_CTX_ctrl.invokeExact(ctx, LibSsl.SSL_CTRL_SET_SESS_CACHE_MODE,
                LibSsl.SSL_SESS_CACHE_OFF, MemorySegment.NULL);
        int suites;
        try (Arena a = Arena.ofConfined()) {
            suites = (int) LibSsl.SSL_CTX_set_cipher_list.invokeExact(ctx, a.allocateFrom(TLS12_SUITES));
        }
        if ((set & options) != options || min != 1 || suites != 1) {
            throw new GeneralSecurityException("OpenSSL refused the rules (options, TLS 1.2 at least, suites "
                    + TLS12_SUITES + "): " + LibSsl.errors("no reason given") + " (mode " + mode + ")");
        }
    }

    /** Hands the key (PKCS#8 DER) and its chain (DER, leaf first) to OpenSSL, which keeps its own references. */
    private static void use(MemorySegment ctx, byte[] pkcs8, Certificate[] chain) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pkey = (MemorySegment) LibSsl.d2i_AutoPrivateKey.invokeExact(MemorySegment.NULL,
                    cursor(a, pkcs8), (long) pkcs8.length);
            if (pkey.equals(MemorySegment.NULL)) {
                throw new GeneralSecurityException("OpenSSL cannot read the private key: " + LibSsl.errors("no reason given"));
            }
            int usedKey = (int) LibSsl.SSL_CTX_use_PrivateKey.invokeExact(ctx, pkey);
            LibSsl.EVP_PKEY_free.invokeExact(pkey);
            for (int i = 0; i < chain.length; i++) {
                byte[] der = chain[i].getEncoded();
                MemorySegment x509 = (MemorySegment) LibSsl.d2i_X509.invokeExact(MemorySegment.NULL, cursor(a, der),
                        (long) der.length);
                if (x509.equals(MemorySegment.NULL)) {
                    throw new GeneralSecurityException("OpenSSL cannot read certificate " + i + " of the chain: "
                            + LibSsl.errors("no reason given"));
                }
                long used = i == 0 ? (int) LibSsl.SSL_CTX_use_certificate.invokeExact(ctx, x509)
                        : (long) LibSsl.SSL_CTX_ctrl.invokeExact(ctx, LibSsl.SSL_CTRL_CHAIN_CERT, 1L, x509); // add1: its own reference
                LibSsl.X509_free.invokeExact(x509);
                if (used != 1) {
                    throw new GeneralSecurityException("OpenSSL refused certificate " + i + ": " + LibSsl.errors("no reason given"));
                }
            }
            if (usedKey != 1 || (int) LibSsl.SSL_CTX_check_private_key.invokeExact(ctx) != 1) {
                throw new GeneralSecurityException("the private key does not match the certificate: "
                        + LibSsl.errors("no reason given"));
            }
        }
    }

    /** A {@code const unsigned char **} pointing at a copy of {@code der}, for a d2i call to advance. */
    private static MemorySegment cursor(Arena a, byte[] der) {
        MemorySegment bytes = a.allocate(der.length);
        bytes.copyFrom(MemorySegment.ofArray(der));
        return a.allocateFrom(ADDRESS, bytes);
    }

    /** ALPN's wire format: each protocol preceded by its length in one octet. */
    static byte[] wire(List<String> protocols) {
        int size = 0;
        for (String p : protocols) {
            size += 1 + p.getBytes(StandardCharsets.US_ASCII).length;
        }
        byte[] wire = new byte[size];
        int at = 0;
        for (String p : protocols) {
            byte[] b = p.getBytes(StandardCharsets.US_ASCII);
            wire[at++] = (byte) b.length;
            System.arraycopy(b, 0, wire, at, b.length);
            at += b.length;
        }
        return wire;
    }

    /**
     * The ALPN callback, on the handshaking thread: the server's first protocol the client offers,
     * or when none is in common the fatal {@code no_application_protocol} alert (RFC 7301 3.2, as
     * the JDK answers). A client that offers no ALPN is not asked. It must not throw into C.
     */
    @SuppressWarnings("unused") // called by OpenSSL through the upcall stub
    private int selectProtocol(MemorySegment ssl, MemorySegment out, MemorySegment outlen, MemorySegment in, int inlen,
                               MemorySegment arg) {
        try {
            int r = (int) LibSsl.SSL_select_next_proto.invokeExact(out, outlen, protocols, (int) protocols.byteSize(), in, inlen);
            return r == LibSsl.OPENSSL_NPN_NEGOTIATED ? LibSsl.SSL_TLSEXT_ERR_OK : LibSsl.SSL_TLSEXT_ERR_ALERT_FATAL;
        } catch (Throwable e) {
            return LibSsl.SSL_TLSEXT_ERR_NOACK;
        }
    }

    /** The {@code SSL_CTX}, for a session's {@code SSL_new}. @throws IllegalStateException once closed */
    MemorySegment ctx() {
        if (closed) {
            throw new IllegalStateException("this TLS context is closed (its server stopped)");
        }
        return ctx;
    }

    @Override
    public TlsSession newSession(TlsSession.Peer peer) {
        return new OpenSslSession(this, peer);
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * No new session from now on. The {@code SSL_CTX}s are freed once no session can reach them
     * (by {@link LibSsl#CLEANER}, when this context is unreachable: every session holds it), never
     * under a handshake that SNI may still move to one of them.
     */
    @Override
    public void close() {
        closed = true;
    }

    private static void free(MemorySegment ctx) {
        if (!ctx.equals(MemorySegment.NULL)) {
            try {
                LibSsl.SSL_CTX_free.invokeExact(ctx);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
