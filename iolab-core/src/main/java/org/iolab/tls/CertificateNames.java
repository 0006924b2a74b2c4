package org.iolab.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The host names a server certificate holds, and whether one of them is the name a client asked
 * for by SNI: how every TLS provider chooses among several keys, alike. A certificate's names
 * are its DNS subject alternative names, or its subject's CN when it has none (RFC 6125 6.4.4);
 * they match ignoring case, and {@code *.example.com} matches exactly one label
 * ({@code a.example.com}, not {@code example.com} nor {@code a.b.example.com}).
 *
 * <p>Thread rule: stateless.
 */
public final class CertificateNames {

    private CertificateNames() {
    }

    /** {@code cert}'s host names, lower case, in order; empty when it has none readable. */
    public static List<String> of(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> san : cert.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0))) { // dNSName
                        out.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
            if (out.isEmpty()) {
                for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        out.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException | InvalidNameException e) {
            // no names: the certificate serves as a default only
        }
        return out;
    }

    /** Whether {@code host} (as a client sent it by SNI) is one of {@code names} ({@link #of}). */
    public static boolean matches(List<String> names, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        int dot = h.indexOf('.');
        for (String n : names) {
            if (n.equals(h) || (n.startsWith("*.") && dot > 0 && n.regionMatches(2, h, dot + 1, h.length() - dot - 1)
                    && n.length() - 2 == h.length() - dot - 1)) {
                return true;
            }
        }
        return false;
    }
}
