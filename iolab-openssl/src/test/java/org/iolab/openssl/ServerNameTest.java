package org.iolab.openssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iolab.openssl.Sessions.exchange;

import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.iolab.certs.SelfSigned;
import org.iolab.certs.ServerIdentity;
import org.iolab.openssl.Sessions.Side;
import org.iolab.tls.SslEngineSession;
import org.iolab.tls.TlsConfig;
import org.iolab.tls.TlsContext;
import org.iolab.tls.TlsProvider;
import org.iolab.tls.TlsSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SNI among several keys, on each provider alike: a key store of two keys (localhost first,
 * then one for {@code other.test} and {@code *.wild.test}); a client gets the certificate of
 * the name it asks for, a wildcard matching one label, and the first key when it asks for a name
 * no certificate holds or for none.
 */
class ServerNameTest {

    private static ServerIdentity first;
    private static ServerIdentity second;
    private static TlsConfig config;
    private static SSLContext client;

    @BeforeAll
    static void identities() throws Exception {
        first = SelfSigned.localhost(Duration.ofDays(1));
        second = SelfSigned.make(List.of("other.test", "*.wild.test"), List.of(), Duration.ofDays(1));
        char[] password = "changeit".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("first", first.key(), password, first.chain().toArray(Certificate[]::new));
        ks.setKeyEntry("second", second.key(), password, second.chain().toArray(Certificate[]::new));
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        ks.store(stored, password);
        config = TlsConfig.pkcs12(stored.toByteArray(), password).withApplicationProtocols(List.of("http/1.1"));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("first", first.certificate());
        trust.setCertificateEntry("second", second.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    /** The certificate a client asking for {@code name} ({@code null}: no SNI) is shown by {@code context}. */
    private static X509Certificate shown(TlsContext context, String name) throws Exception {
        SSLEngine e = client.createSSLEngine(); // no peer address: nothing to resume, every handshake chooses
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setServerNames(name == null ? List.of() : List.of(new SNIHostName(name)));
        e.setSSLParameters(p);
        Side cs = new Side();
        Side ss = new Side();
        TlsSession c = new SslEngineSession(e, cs);
        TlsSession s = context.newSession(ss);
        s.start();
        c.start();
        exchange(c, cs, s, ss, false);
        assertThat(cs.finished).as("handshake with %s", name).isTrue();
        return (X509Certificate) e.getSession().getPeerCertificates()[0];
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdk", "openssl"})
    void eachNameGetsItsCertificateAndAnyOtherTheFirst(String provider) throws Exception {
        try (TlsContext server = config.withProvider(TlsProvider.named(provider)).newContext()) {
            assertThat(shown(server, "other.test")).isEqualTo(second.certificate());
            assertThat(shown(server, "OTHER.test")).as("names ignore case").isEqualTo(second.certificate());
            assertThat(shown(server, "a.wild.test")).as("a wildcard, one label").isEqualTo(second.certificate());
            assertThat(shown(server, "localhost")).isEqualTo(first.certificate());
            assertThat(shown(server, "a.b.wild.test")).as("a wildcard is one label only").isEqualTo(first.certificate());
            assertThat(shown(server, "unknown.test")).isEqualTo(first.certificate());
            assertThat(shown(server, null)).as("no SNI").isEqualTo(first.certificate());
        }
    }
}
