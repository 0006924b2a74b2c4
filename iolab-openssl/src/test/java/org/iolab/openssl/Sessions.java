package org.iolab.openssl;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.iolab.certs.SelfSigned;
import org.iolab.certs.ServerIdentity;
import org.iolab.tls.SslEngineSession;
import org.iolab.tls.TlsConfig;
import org.iolab.tls.TlsContext;
import org.iolab.tls.TlsProvider;
import org.iolab.tls.TlsSession;

/**
 * Sessions in memory for the tests: an OpenSSL server context (ALPN h2 and http/1.1) for a
 * self-signed localhost certificate, and the JDK's SSLEngine as the client (a TLS implementation
 * no one here wrote) trusting it, the records carried between them by hand. Made once per test
 * class run, never closed before the JVM ends (a fuzzer calls in at any time).
 *
 * <p>Thread rule: the contexts from any thread; a {@link Side} and its sessions one thread.
 */
final class Sessions {

    static final TlsContext SERVER;
    static final SSLContext CLIENT;

    static {
        try {
            ServerIdentity identity = SelfSigned.localhost(Duration.ofDays(1));
            TlsConfig config = identity.tlsConfig().withApplicationProtocols(List.of("h2", "http/1.1"))
                    .withProvider(TlsProvider.named("openssl"));
            SERVER = config.newContext();
            CLIENT = identity.clientContext();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Sessions() {
    }

    /** One side's view: what it was sent, and what the session told it. */
    static final class Side implements TlsSession.Peer {
        final ByteArrayOutputStream records = new ByteArrayOutputStream();
        final ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        /** What the session told, in order: {@code plaintext N} per call, {@code closed}. */
        final List<String> told = new java.util.ArrayList<>();
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
            told.add("plaintext " + b.length);
        }

        @Override
        public void handshakeFinished() {
            finished = true;
        }

        @Override
        public void peerClosed() {
            closed = true;
            told.add("closed");
        }

        /** The records sent so far, taken. */
        ByteBuffer take(boolean direct) {
            byte[] b = records.toByteArray();
            records.reset();
            ByteBuffer buf = direct ? ByteBuffer.allocateDirect(b.length) : ByteBuffer.allocate(b.length);
            return buf.put(b).flip();
        }
    }

    /** A JDK client for localhost offering {@code alpn}. */
    static SslEngineSession client(Side side, String... alpn) {
        SSLEngine e = CLIENT.createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName("localhost")));
        p.setApplicationProtocols(alpn);
        e.setSSLParameters(p);
        return new SslEngineSession(e, side);
    }

    /** Carries records both ways until neither side has any to send. */
    static void exchange(TlsSession c, Side cs, TlsSession s, Side ss, boolean direct) throws Exception {
        for (int i = 0; i < 20 && (cs.records.size() > 0 || ss.records.size() > 0); i++) {
            if (cs.records.size() > 0) {
                s.received(cs.take(direct));
            }
            if (ss.records.size() > 0) {
                c.received(ss.take(direct));
            }
        }
    }
}
