package org.iolab.tls;

/**
 * One server's TLS, made ready by a {@link TlsProvider} from a {@link TlsConfig}: it makes a
 * {@link TlsSession} in server mode for each connection. A server makes one when it starts and
 * closes it when it stops (a provider on native memory frees its context then).
 *
 * <p>Thread rule: {@link #newSession} from any thread, at once; {@link #close} once, after the
 * last session has ended.
 */
public interface TlsContext extends AutoCloseable {

    /** A session in server mode for one connection, driving {@code peer}. */
    TlsSession newSession(TlsSession.Peer peer);

    /** What runs, for logs and reports: {@code JDK 25.0.1 SSLEngine}, {@code OpenSSL 3.0.17 1 Jul 2025}. */
    String description();

    /** Frees what the context holds. */
    @Override
    void close();
}
