package org.iolab.tls;

import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Where a server's TLS comes from: the JDK's {@code SSLEngine} ({@link #jdk()}), or another
 * implementation in a module of its own, found by name through {@link java.util.ServiceLoader}
 * ({@code openssl}: the system's libssl through FFM, in iolab-openssl). A provider makes one
 * {@link TlsContext} per server, which makes one {@link TlsSession} per connection; the engines
 * and the transport core know only those two interfaces, so a provider plugs in without
 * touching either.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.pkcs12(file, password).withProvider(TlsProvider.named("auto"));
 * }</pre>
 *
 * <p>Thread rule: implementations are stateless or thread-safe; every method from any thread.
 */
public interface TlsProvider {

    /** The name {@code --tls-provider} takes ({@code jdk}, {@code openssl}). */
    String name();

    /**
     * {@code null} when this provider can serve here; else why not, saying what to install
     * (a missing {@code libssl.so.3}: the Debian package {@code libssl3}).
     */
    String unavailableReason();

    /**
     * What serves, with its version, when it can serve here: {@code JDK 25+36 SSLEngine},
     * {@code OpenSSL 3.0.19 27 Jan 2026} (the library that loaded, as it names itself); else
     * {@link #unavailableReason}.
     */
    String description();

    /**
     * A server's context for {@code config}: its keys and rules made ready once (an
     * {@code SSL_CTX}, a JDK {@code SSLContext}), to make every connection's session from.
     *
     * @throws GeneralSecurityException when the provider cannot use the config's keys
     */
    TlsContext newContext(TlsConfig config) throws GeneralSecurityException;

    /** The JDK's {@code SSLEngine}: always there. */
    static TlsProvider jdk() {
        return JdkTlsProvider.INSTANCE;
    }

    /**
     * The provider called {@code name}: {@code jdk}, another found on the class or module path
     * ({@code openssl}), or {@code auto}: the first other provider that is available here, else
     * the JDK's.
     *
     * @throws IllegalArgumentException for a name nobody provides, or a provider that cannot
     *     serve here (the message says why and what to install)
     */
    static TlsProvider named(String name) {
        return TlsProviders.named(name);
    }

    /** Every provider here: the JDK's first, then those the service loader finds ({@code iolab engines} lists them). */
    static List<TlsProvider> all() {
        return TlsProviders.all();
    }
}
