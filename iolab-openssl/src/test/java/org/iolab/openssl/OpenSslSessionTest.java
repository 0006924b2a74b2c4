package org.iolab.openssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.iolab.certs.SelfSigned;
import org.iolab.certs.ServerIdentity;
import org.iolab.tls.SslEngineSession;
import org.iolab.tls.TlsConfig;
import org.iolab.tls.TlsContext;
import org.iolab.tls.TlsProvider;
import org.iolab.tls.TlsSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenSSL session in memory, its records carried by hand to and from the JDK's SSLEngine
 * as the client (a TLS implementation no one here wrote): the handshake, ALPN, data both ways,
 * the clean end told from a truncation, garbage answered by an alert.
 */
class OpenSslSessionTest {

    private static ServerIdentity identity;
    private static TlsContext server;
    private static SSLContext client;

    /** One side's view: what it was sent, and what the session told it. */
    static final class Side implements TlsSession.Peer {
        final ByteArrayOutputStream records = new ByteArrayOutputStream();
        final ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        boolean finished;
        boolean closed;

        @Override
        public void sendRecords(ByteBuffer r) {
            byte[] b = new byte[r.remaining()];
            r.get(b);
            records.writeBytes(b);
        }

        @Override
        public void plaintext(ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            plaintext.writeBytes(b);
        }

        @Override
        public void handshakeFinished() {
            finished = true;
        }

        @Override
        public void peerClosed() {
            closed = true;
        }

        /** The records sent so far, taken. */
        ByteBuffer take(boolean direct) {
            byte[] b = records.toByteArray();
            records.reset();
            ByteBuffer buf = direct ? ByteBuffer.allocateDirect(b.length) : ByteBuffer.allocate(b.length);
            return buf.put(b).flip();
        }
    }

    @BeforeAll
    static void contexts() throws Exception {
        identity = SelfSigned.localhost(Duration.ofDays(1));
        TlsConfig config = identity.tlsConfig().withApplicationProtocols(List.of("h2", "http/1.1"))
                .withProvider(TlsProvider.named("openssl"));
        server = config.newContext();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", identity.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void close() {
        server.close();
    }

    private static SslEngineSession clientSession(Side side, String... alpn) {
        SSLEngine e = client.createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName("localhost")));
        p.setApplicationProtocols(alpn);
        e.setSSLParameters(p);
        return new SslEngineSession(e, side);
    }

    /** Carries records both ways until neither side has any to send. */
    private static void exchange(TlsSession c, Side cs, TlsSession s, Side ss, boolean direct) throws Exception {
        for (int i = 0; i < 20 && (cs.records.size() > 0 || ss.records.size() > 0); i++) {
            if (cs.records.size() > 0) {
                s.received(cs.take(direct));
            }
            if (ss.records.size() > 0) {
                c.received(ss.take(direct));
            }
        }
    }

    @Test
    void aJdkClientHandshakesChoosesH2AndDataGoesBothWaysThenClosesCleanly() throws Exception {
        for (boolean direct : new boolean[] {true, false}) {
            Side cs = new Side();
            Side ss = new Side();
            TlsSession c = clientSession(cs, "h2", "http/1.1");
            TlsSession s = server.newSession(ss);
            s.start();
            c.start();
            exchange(c, cs, s, ss, direct);
            assertThat(ss.finished).isTrue();
            assertThat(cs.finished).isTrue();
            assertThat(s.applicationProtocol()).isEqualTo("h2");
            assertThat(s.protocolVersion()).isEqualTo("TLSv1.3");
            assertThat(s.cipherSuite()).startsWith("TLS_AES_");
            byte[] big = "0123456789abcdef".repeat(10_000).getBytes(StandardCharsets.US_ASCII); // 160 KB: many records
            c.send(ByteBuffer.wrap(big));
            exchange(c, cs, s, ss, direct);
            assertThat(ss.plaintext.toByteArray()).isEqualTo(big);
            s.send(direct ? ByteBuffer.allocateDirect(5).put("hello".getBytes()).flip() : ByteBuffer.wrap("hello".getBytes()));
            exchange(c, cs, s, ss, direct);
            assertThat(cs.plaintext.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
            c.closeOutbound();
            exchange(c, cs, s, ss, direct);
            assertThat(ss.closed).as("close_notify told").isTrue();
            assertThat(s.endOfInput()).as("a clean end is no truncation").isNull();
            assertThat(s.closeOutbound()).isTrue();
            assertThat(s.closeOutbound()).as("nothing sent twice").isFalse();
        }
    }

    @Test
    void aClientOfferingNoCommonProtocolGetsNoAlpnAndAStreamCutIsATruncation() throws Exception {
        Side cs = new Side();
        Side ss = new Side();
        TlsSession c = clientSession(cs, "spdy/3.1");
        TlsSession s = server.newSession(ss);
        c.start();
        exchange(c, cs, s, ss, false);
        assertThat(ss.finished).isTrue();
        assertThat(s.applicationProtocol()).isNull();
        assertThat(s.endOfInput()).hasMessageContaining("truncated: the peer ended the connection without close_notify");
        assertThat(s.endOfInput()).isNull();
    }

    @Test
    void garbageIsRefusedWithAnAlert() throws Exception {
        Side ss = new Side();
        TlsSession s = server.newSession(ss);
        assertThatThrownBy(() -> s.received(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes())))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("TLS handshake failed");
        assertThat(s.closeOutbound()).isTrue();
        byte[] alert = ss.records.toByteArray();
        assertThat(alert).isNotEmpty();
        assertThat(alert[0]).as("an alert record").isEqualTo((byte) 21);
        assertThat(s.endOfInput()).hasMessageContaining("during the TLS handshake");
    }

    @Test
    void theProviderIsFoundByNameAndByAuto() {
        assertThat(TlsProvider.named("openssl").unavailableReason()).isNull();
        assertThat(TlsProvider.named("auto").name()).isEqualTo("openssl");
        assertThat(server.description()).startsWith("OpenSSL 3.");
    }
}
