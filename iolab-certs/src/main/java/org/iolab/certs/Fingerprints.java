package org.iolab.certs;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A certificate's fingerprints: the SHA-256 of the whole certificate as {@code openssl x509
 * -fingerprint -sha256} shows it, and the SHA-256 of its public key (SubjectPublicKeyInfo) in
 * base64, the pin Chromium's {@code --ignore-certificate-errors-spki-list} and curl's
 * {@code --pinnedpubkey sha256//...} take.
 *
 * <p>Thread rule: stateless.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** {@code AB:CD:...}, 32 bytes. */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 of the SHA-256 of the public key. */
    public static String spkiSha256(X509Certificate certificate) {
        return Base64.getEncoder().encodeToString(digest(certificate.getPublicKey().getEncoded()));
    }

    private static byte[] digest(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
