package org.iolab.tls;

/**
 * The JDK's TLS: an {@link SslEngineSession} per connection, on the config's {@code SSLContext}
 * (which also keeps the server's TLS 1.3 session tickets' keys, in memory only).
 *
 * <p>Thread rule: stateless.
 */
final class JdkTlsProvider implements TlsProvider {

    static final JdkTlsProvider INSTANCE = new JdkTlsProvider();
    static final String NAME = "jdk";

    private JdkTlsProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public String description() {
        return "JDK " + Runtime.version() + " SSLEngine";
    }

    @Override
    public TlsContext newContext(TlsConfig config) {
        String description = description();
        return new TlsContext() {
            @Override
            public TlsSession newSession(TlsSession.Peer peer) {
                return new SslEngineSession(config.newServerEngine(), peer);
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void close() {
                // the SSLContext is the config's, and lives as long as it
            }
        };
    }

    @Override
    public String toString() {
        return NAME;
    }
}
