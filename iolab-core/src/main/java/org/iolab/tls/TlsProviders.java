package org.iolab.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finding a {@link TlsProvider} by name: the JDK's, those on the class or module path
 * ({@link ServiceLoader}), and {@code auto}.
 *
 * <p>Thread rule: stateless; any thread.
 */
final class TlsProviders {

    static final String AUTO = "auto";

    private TlsProviders() {
    }

    static TlsProvider named(String name) {
        if (name == null || name.equals(JdkTlsProvider.NAME)) {
            return TlsProvider.jdk();
        }
        if (name.equals(AUTO)) {
            for (TlsProvider p : others()) {
                if (p.unavailableReason() == null) {
                    return p;
                }
            }
            return TlsProvider.jdk();
        }
        List<String> known = new ArrayList<>(List.of(JdkTlsProvider.NAME, AUTO));
        for (TlsProvider p : others()) {
            if (p.name().equals(name)) {
                String why = p.unavailableReason();
                if (why != null) {
                    throw new IllegalArgumentException("TLS provider " + name + " cannot run here: " + why);
                }
                return p;
            }
            known.add(p.name());
        }
        throw new IllegalArgumentException("no TLS provider called '" + name + "' (known: " + String.join(", ", known)
                + (name.equals("openssl") ? "; openssl's is in the module iolab-openssl" : "") + ")");
    }

    /** The JDK's, then the others. */
    static List<TlsProvider> all() {
        List<TlsProvider> all = new ArrayList<>();
        all.add(TlsProvider.jdk());
        all.addAll(others());
        return all;
    }

    /** The providers other than the JDK's, in the order the service loader finds them. */
    static List<TlsProvider> others() {
        return ServiceLoader.load(TlsProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
