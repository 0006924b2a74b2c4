package org.iolab.openssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iolab.openssl.Sessions.exchange;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.iolab.certs.SelfSigned;
import org.iolab.certs.ServerIdentity;
import org.iolab.openssl.Sessions.Side;
import org.iolab.tls.SslEngineSession;
import org.iolab.tls.TlsConfig;
import org.iolab.tls.TlsSession;
import org.junit.jupiter.api.Test;

/**
 * Session tickets on the OpenSSL provider, its clock a test's: a returning client resumes (the
 * JDK's client, which keeps its tickets per host and port); after a rotation the retired key
 * still opens its tickets (and a renewed ticket is sent); a ticket whose key has been dropped
 * means a full handshake, never a failure.
 */
class TicketKeysTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    /** One handshake by a client of {@code client} against {@code server}; whether it resumed. */
    private static boolean handshake(OpenSslContext server, SSLContext client) throws Exception {
        SSLEngine e = client.createSSLEngine("localhost", 443); // the client's tickets are kept per host and port
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName("localhost")));
        e.setSSLParameters(p);
        Side cs = new Side();
        Side ss = new Side();
        TlsSession c = new SslEngineSession(e, cs);
        OpenSslSession s = (OpenSslSession) server.newSession(ss);
        s.start();
        c.start();
        exchange(c, cs, s, ss, false); // the handshake, then the tickets sent after it
        assertThat(cs.finished && ss.finished).as("handshaken").isTrue();
        boolean resumed = s.resumed();
        c.closeOutbound();
        exchange(c, cs, s, ss, false);
        s.closeOutbound();
        s.endOfInput();
        return resumed;
    }

    private static SSLContext client(ServerIdentity identity) throws Exception {
        return identity.clientContext(); // a client of its own: its own tickets
    }

    @Test
    void aReturningClientResumesAcrossARotationAndATicketOfADroppedKeyMeansAFullHandshake() throws Exception {
        ServerIdentity identity = SelfSigned.localhost(Duration.ofDays(1));
        TlsConfig config = identity.tlsConfig().withApplicationProtocols(List.of("http/1.1"));
        TicketKeys keys = new TicketKeys(Duration.ofHours(1), Duration.ofHours(2), now::get);
        OpenSslContext server = OpenSslContext.of(config, keys);
        try {
            SSLContext client = client(identity);
            assertThat(handshake(server, client)).as("the first visit is a full handshake").isFalse();
            assertThat(handshake(server, client)).as("a returning client resumes").isTrue();
            assertThat(handshake(server, client(identity))).as("another client does not").isFalse();

            now.addAndGet(Duration.ofMinutes(61).toNanos()); // rotated: the first key retired, still opening its tickets
            assertThat(handshake(server, client)).as("a ticket of the retired key still resumes").isTrue();
            assertThat(keys.held()).isEqualTo(2);
            assertThat(handshake(server, client)).as("and its renewed ticket, of the new key, too").isTrue();

            SSLContext stale = client(identity);
            assertThat(handshake(server, stale)).isFalse(); // a ticket of the key now sealing
            now.addAndGet(Duration.ofHours(4).toNanos()); // that key retired four hours ago, past a ticket's life: dropped
            assertThat(handshake(server, stale)).as("a ticket of a dropped key: a full handshake").isFalse();
            assertThat(keys.held()).as("the sealing key, and none retired past a lifetime").isEqualTo(1);
            assertThat(handshake(server, stale)).as("then it resumes on its new ticket").isTrue();
        } finally {
            server.close();
        }
    }
}
