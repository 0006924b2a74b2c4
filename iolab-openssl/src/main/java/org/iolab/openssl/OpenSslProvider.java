package org.iolab.openssl;

import java.security.GeneralSecurityException;
import org.iolab.tls.TlsConfig;
import org.iolab.tls.TlsContext;
import org.iolab.tls.TlsProvider;

/**
 * The {@code openssl} TLS provider: the system's {@code libssl.so.3} through FFM
 * ({@link OpenSslContext}, {@link OpenSslSession}), found by {@link TlsProvider#named} through
 * the service loader when this module is on the class or module path.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.pkcs12(file, password).withProvider(TlsProvider.named("openssl"));
 * }</pre>
 *
 * <p>Thread rule: stateless; every method from any thread.
 */
public final class OpenSslProvider implements TlsProvider {

    /** The name {@code --tls-provider} takes. */
    public static final String NAME = "openssl";

    /** For the service loader. */
    public OpenSslProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String unavailableReason() {
        return LibSsl.unavailableReason();
    }

    @Override
    public String description() {
        String why = unavailableReason();
        return why != null ? why : LibSsl.version();
    }

    @Override
    public TlsContext newContext(TlsConfig config) throws GeneralSecurityException {
        String why = unavailableReason();
        if (why != null) {
            throw new GeneralSecurityException("TLS provider openssl cannot run here: " + why);
        }
        return OpenSslContext.of(config);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
