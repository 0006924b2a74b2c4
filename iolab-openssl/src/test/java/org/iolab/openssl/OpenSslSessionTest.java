package org.iolab.openssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iolab.openssl.Sessions.exchange;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLHandshakeException;
import org.iolab.openssl.Sessions.Side;
import org.iolab.tls.TlsContext;
import org.iolab.tls.TlsProvider;
import org.iolab.tls.TlsSession;
import org.junit.jupiter.api.Test;

/**
 * The OpenSSL session in memory, its records carried by hand to and from the JDK's SSLEngine
 * as the client (a TLS implementation no one here wrote): the handshake, ALPN, data both ways,
 * the clean end told from a truncation, garbage answered by an alert.
 */
class OpenSslSessionTest {

    private static final TlsContext server = Sessions.SERVER;

    @Test
    void aJdkClientHandshakesChoosesH2AndDataGoesBothWaysThenClosesCleanly() throws Exception {
        for (boolean direct : new boolean[] {true, false}) {
            Side cs = new Side();
            Side ss = new Side();
            TlsSession c = Sessions.client(cs, "h2", "http/1.1");
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
    void theRecordsOfOneReadArriveAsOnePlaintextThenTheCloseNotifyAfterThem() throws Exception {
        for (boolean direct : new boolean[] {true, false}) {
            Side cs = new Side();
            Side ss = new Side();
            TlsSession[] one = handshaken(cs, ss, direct);
            TlsSession c = one[0];
            TlsSession s = one[1];
            for (String part : new String[] {"one ", "two ", "three"}) {
                c.send(ByteBuffer.wrap(part.getBytes(StandardCharsets.US_ASCII))); // a record each
            }
            c.closeOutbound();
            s.received(cs.take(direct)); // the three records and the close_notify in one read
            assertThat(ss.told).as("one delivery for the read's records, the close after it")
                    .containsExactly("plaintext 13", "closed");
            assertThat(ss.plaintext.toString(StandardCharsets.US_ASCII)).isEqualTo("one two three");
            byte[] big = new byte[200_000]; // more than one delivery holds: in order, every byte
            new java.util.Random(7).nextBytes(big);
            Side cs2 = new Side();
            Side ss2 = new Side();
            TlsSession[] two = handshaken(cs2, ss2, direct);
            TlsSession c2 = two[0];
            TlsSession s2 = two[1];
            c2.send(ByteBuffer.wrap(big));
            s2.received(cs2.take(direct));
            assertThat(ss2.plaintext.toByteArray()).isEqualTo(big);
            assertThat(ss2.told).hasSize(4); // 200,000 bytes in deliveries of at most 65,536
        }
    }

    /** A JDK client's session and the server's, handshaken over {@code http/1.1}: {client, server}. */
    private static TlsSession[] handshaken(Side cs, Side ss, boolean direct) throws Exception {
        TlsSession c = Sessions.client(cs, "http/1.1");
        TlsSession s = server.newSession(ss);
        s.start();
        c.start();
        exchange(c, cs, s, ss, direct);
        return new TlsSession[] {c, s};
    }

    @Test
    void aClientOfferingNoAlpnGetsNoneAndAStreamCutIsATruncation() throws Exception {
        Side cs = new Side();
        Side ss = new Side();
        TlsSession c = Sessions.client(cs);
        TlsSession s = server.newSession(ss);
        c.start();
        exchange(c, cs, s, ss, false);
        assertThat(ss.finished).isTrue();
        assertThat(s.applicationProtocol()).isNull();
        assertThat(s.endOfInput()).hasMessageContaining("truncated: the peer ended the connection without close_notify");
        assertThat(s.endOfInput()).isNull();
    }

    @Test
    void aClientOfferingNoProtocolInCommonGetsNoApplicationProtocol() throws Exception {
        Side cs = new Side();
        Side ss = new Side();
        TlsSession c = Sessions.client(cs, "spdy/3.1");
        TlsSession s = server.newSession(ss);
        c.start();
        assertThatThrownBy(() -> s.received(cs.take(false))).isInstanceOf(SSLHandshakeException.class); // the ClientHello
        assertThat(s.closeOutbound()).isTrue(); // the engine's close after a failure: the alert goes
        assertThat(ss.finished).isFalse();
        assertThatThrownBy(() -> c.received(ss.take(false))).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("no_application_protocol");
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
