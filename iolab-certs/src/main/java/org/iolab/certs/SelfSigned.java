package org.iolab.certs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a self-signed certificate for this machine's loopback names ({@code localhost},
 * {@code 127.0.0.1}, {@code ::1}), so that {@code iolab serve --tls} works without files: an
 * ECDSA P-256 key (the fastest handshake the JDK signs), valid from an hour ago (clocks drift)
 * for the given time, a server certificate (key usage: digital signature; extended: server
 * auth). The key and the signature are the JDK's; BouncyCastle only writes the certificate.
 *
 * <p>Thread rule: stateless.
 */
public final class SelfSigned {

    private SelfSigned() {
    }

    /** A fresh identity for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, valid for {@code validity}. */
    public static ServerIdentity localhost(Duration validity) throws GeneralSecurityException {
        return make(List.of("localhost"), List.of("127.0.0.1", "::1"), validity);
    }

    /** A fresh identity for these DNS names and IP addresses (the first DNS name is its CN). */
    public static ServerIdentity make(List<String> dnsNames, List<String> ipAddresses, Duration validity)
            throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + (dnsNames.isEmpty() ? ipAddresses.getFirst() : dnsNames.getFirst()) + ",O=iolab");
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), name, pair.getPublic());
        GeneralName[] alt = new GeneralName[dnsNames.size() + ipAddresses.size()];
        int i = 0;
        for (String d : dnsNames) {
            alt[i++] = new GeneralName(GeneralName.dNSName, d);
        }
        for (String ip : ipAddresses) {
            alt[i++] = new GeneralName(GeneralName.iPAddress, ip);
        }
        try {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            var cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
            return new ServerIdentity(List.of(cert), pair.getPrivate());
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("cannot make the certificate: " + e.getMessage(), e);
        }
    }
}
