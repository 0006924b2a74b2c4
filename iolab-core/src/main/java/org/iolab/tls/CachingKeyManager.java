package org.iolab.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The JDK's PKIX key manager with its keys and chains kept once read, and the key for a client's
 * SNI name chosen here ({@link #chooseEngineServerAlias}). Without this the PKIX manager reads the private key from the
 * key store on every handshake, and a PKCS#12 store decrypts it each time (PBKDF2, thousands of
 * SHA-256 rounds): 10 ms of CPU per handshake here, ten times the handshake's own cryptography.
 * The PKIX manager's aliases carry a counter that differs on every handshake
 * ({@code 17.0.iolab}: the 17th choice, key store 0, entry {@code iolab}); the cache is keyed by
 * the rest.
 *
 * <p>Thread rule: any thread (the JDK calls it from every connection's handshake).
 */
final class CachingKeyManager extends X509ExtendedKeyManager {

    private final X509ExtendedKeyManager pkix;
    private final ConcurrentHashMap<String, PrivateKey> keys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, X509Certificate[]> chains = new ConcurrentHashMap<>();

    CachingKeyManager(X509ExtendedKeyManager pkix) {
        this.pkix = pkix;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        String entry = entry(alias);
        PrivateKey k = keys.get(entry);
        if (k == null) {
            k = pkix.getPrivateKey(alias);
            if (k != null) {
                keys.put(entry, k);
            }
        }
        return k;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        String entry = entry(alias);
        X509Certificate[] c = chains.get(entry);
        if (c == null) {
            c = pkix.getCertificateChain(alias);
            if (c != null) {
                chains.put(entry, c);
            }
        }
        return c == null ? null : c.clone();
    }

    /** The key store entry an alias names: {@code 0.iolab} of {@code 17.0.iolab}. */
    static String entry(String alias) {
        if (alias == null) {
            return "";
        }
        int dot = alias.indexOf('.');
        return dot > 0 && alias.chars().limit(dot).allMatch(Character::isDigit) ? alias.substring(dot + 1) : alias;
    }

    /**
     * SNI among several keys, as the OpenSSL provider chooses: of the store's keys of this type,
     * in the store's order, the first whose certificate holds the name the client asked for
     * ({@link CertificateNames}), else the first. The PKIX manager alone does not hold the name
     * against the certificates (it does only when the engine names an endpoint identification
     * algorithm, and then prefers no key over a wrong one less than it should).
     */
    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        List<Named> keys = byType.computeIfAbsent(keyType, this::named);
        if (keys.isEmpty()) {
            return null;
        }
        String host = requestedHost(engine);
        if (host != null && keys.size() > 1) {
            for (Named k : keys) {
                if (CertificateNames.matches(k.names(), host)) {
                    return k.alias();
                }
            }
        }
        return keys.getFirst().alias();
    }

    /** An alias of the store and its certificate's names. */
    private record Named(String alias, List<String> names) {
    }

    private final ConcurrentHashMap<String, List<Named>> byType = new ConcurrentHashMap<>();

    private List<Named> named(String keyType) {
        String[] aliases = pkix.getServerAliases(keyType, null);
        List<Named> out = new ArrayList<>();
        for (String a : aliases == null ? new String[0] : aliases) {
            X509Certificate[] chain = getCertificateChain(a);
            if (chain != null && chain.length > 0) {
                out.add(new Named(a, CertificateNames.of(chain[0])));
            }
        }
        return List.copyOf(out);
    }

    /** The host name the client sent by SNI, or {@code null}. */
    private static String requestedHost(SSLEngine engine) {
        if (engine != null && engine.getHandshakeSession() instanceof ExtendedSSLSession s) {
            for (SNIServerName n : s.getRequestedServerNames()) {
                if (n instanceof SNIHostName h) {
                    return h.getAsciiName();
                }
            }
        }
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return pkix.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return pkix.getServerAliases(keyType, issuers);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return pkix.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return pkix.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return pkix.chooseEngineClientAlias(keyType, issuers, engine);
    }
}
