package org.iolab.cli.client;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.iolab.certs.Fingerprints;
import org.iolab.certs.PemFiles;

/**
 * The client's side of TLS, the JDK's {@link SSLSocket}: the server's certificate verified
 * against the JDK's trust store (or the PEM certificates of {@code --ca FILE}) and its name
 * checked against the host connected to, as a browser does; or, with {@code --insecure}, not
 * verified at all, its fingerprint shown so a person can compare it with what the server printed.
 *
 * <p>Thread rule: immutable; {@link #over} from any thread.
 */
public final class ClientTls {

    private final SSLContext context;
    private final boolean verify;

    private ClientTls(SSLContext context, boolean verify) {
        this.context = context;
        this.verify = verify;
    }

    /**
     * @param ca PEM certificates to trust instead of the JDK's store, or {@code null}
     * @param insecure trust any certificate (its fingerprint is shown instead)
     * @throws IllegalArgumentException when {@code ca} cannot be read, or both are given
     */
    public static ClientTls of(Path ca, boolean insecure) {
        if (ca != null && insecure) {
            throw new IllegalArgumentException("give --ca FILE or --insecure, not both");
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, insecure ? new TrustManager[] {new TrustingAll()} : trusting(ca), null);
            return new ClientTls(ctx, !insecure);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--ca " + ca + ": " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trusting(Path ca) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        if (ca == null) {
            tmf.init((KeyStore) null); // the JDK's cacerts
        } else {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            List<X509Certificate> certs = PemFiles.certificates(ca);
            for (int i = 0; i < certs.size(); i++) {
                ks.setCertificateEntry("ca" + i, certs.get(i));
            }
            tmf.init(ks);
        }
        return tmf.getTrustManagers();
    }

    /** TLS over the connected {@code socket}, handshaken. @throws IOException saying why the handshake failed */
    public SSLSocket over(Socket socket, String host) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
        SSLParameters p = s.getSSLParameters();
        if (verify) {
            p.setEndpointIdentificationAlgorithm("HTTPS"); // the name must be the certificate's
        }
        s.setSSLParameters(p);
        try {
            s.startHandshake();
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw new IOException("TLS handshake failed: " + e.getMessage()
                    + (verify ? " (a self-signed server? --ca ITS-CERT.pem, or --insecure)" : ""), e);
        }
        return s;
    }

    /** One line on what was agreed: {@code TLSv1.3 TLS_AES_128_GCM_SHA256, certificate sha256 AB:...}. */
    public String describe(SSLSocket s) {
        String line = s.getSession().getProtocol() + " " + s.getSession().getCipherSuite();
        try {
            X509Certificate peer = (X509Certificate) s.getSession().getPeerCertificates()[0];
            line += ", certificate " + (verify ? "verified" : "NOT verified (--insecure)") + ", sha256 "
                    + Fingerprints.sha256(peer);
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            line += ", no certificate";
        }
        return line;
    }

    /** Trusts every certificate: {@code --insecure}. */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
