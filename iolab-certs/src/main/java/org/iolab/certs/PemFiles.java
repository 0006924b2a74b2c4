package org.iolab.certs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a server's identity from PEM files, as nginx's {@code ssl_certificate} and
 * {@code ssl_certificate_key} take them: the certificate chain (the server's own first), and its
 * private key (PKCS#8 {@code PRIVATE KEY}, or the traditional {@code EC}/{@code RSA PRIVATE KEY}).
 * Every way it can be wrong is said plainly, naming the file: missing or unreadable, no
 * certificate in it, no key, an encrypted key, a key that is not the certificate's.
 *
 * <p>Thread rule: stateless.
 */
public final class PemFiles {

    private PemFiles() {
    }

    /**
     * @throws IOException naming the file and what is wrong with it
     * @throws GeneralSecurityException when the key does not match the certificate
     */
    public static ServerIdentity read(Path certificateFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        if (!matches(key, chain.getFirst())) {
            throw new GeneralSecurityException("the key in " + keyFile + " is not the key of the certificate in "
                    + certificateFile + " (" + chain.getFirst().getSubjectX500Principal().getName() + ")");
        }
        return new ServerIdentity(chain, key);
    }

    /** The certificates in {@code file}, in order. */
    public static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : objects(file)) {
            if (o instanceof X509CertificateHolder h) {
                chain.add(converter.getCertificate(h));
            }
        }
        if (chain.isEmpty()) {
            throw new IOException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object o : objects(file)) {
            switch (o) {
                case PrivateKeyInfo info -> {
                    return converter.getPrivateKey(info);
                }
                case PEMKeyPair pair -> {
                    return converter.getKeyPair(pair).getPrivate();
                }
                case PKCS8EncryptedPrivateKeyInfo e -> throw encrypted(file);
                case PEMEncryptedKeyPair e -> throw encrypted(file);
                default -> {
                    // a certificate or parameters beside the key: skip
                }
            }
        }
        throw new IOException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    private static IOException encrypted(Path file) {
        return new IOException(file + " holds an encrypted key: decrypt it (openssl pkcs8 -in KEY -out PLAIN.key) "
                + "or give a PKCS#12 file with --cert and its password in an environment variable");
    }

    private static List<Object> objects(Path file) throws IOException {
        List<Object> all = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o;
            while ((o = p.readObject()) != null) {
                all.add(o);
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(file + ": not readable (permission denied)", e);
        } catch (IOException e) {
            throw new IOException(file + " cannot be read as PEM: " + e.getMessage(), e);
        }
        return all;
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    static boolean matches(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null || algorithm.equals("RSASSA-PSS")) {
            return key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm());
        }
        byte[] probe = "iolab: does this key belong to this certificate?".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(algorithm);
        try {
            s.initSign(key);
            s.update(probe);
            byte[] signature = s.sign();
            s.initVerify(certificate.getPublicKey());
            s.update(probe);
            return s.verify(signature);
        } catch (java.security.InvalidKeyException e) {
            return false; // an EC key against an RSA certificate, say
        }
    }
}
