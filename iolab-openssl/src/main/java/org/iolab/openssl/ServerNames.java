package org.iolab.openssl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.iolab.tls.CertificateNames;

/**
 * SNI among several keys: one {@code SSL_CTX} per key, and on the first (the default) a
 * servername callback that moves a session to the context whose certificate holds the name the
 * client asked for ({@code SSL_set_SSL_CTX}), as nginx chooses its {@code server} by
 * {@code server_name}, with the JDK provider's rule ({@link CertificateNames}). A client that
 * sends no name, or one no certificate holds, gets the default: the store's first key.
 *
 * <p>The callback is the one upcall stub for SNI, made once per server context in its arena.
 *
 * <p>Thread rule: made once; the callback runs on any handshaking thread and only reads.
 */
final class ServerNames {

    /** tls1.h: {@code # define SSL_CTRL_SET_TLSEXT_SERVERNAME_CB 53} */
    static final int SSL_CTRL_SET_TLSEXT_SERVERNAME_CB = 53;
    /** tls1.h: {@code # define TLSEXT_NAMETYPE_host_name 0} */
    static final int TLSEXT_NAMETYPE_host_name = 0;

    /** A key's context and its certificate's names. */
    private record Named(MemorySegment ctx, List<String> names) {
    }

    /** In the store's order: the first whose certificate holds the name wins it. */
    private final List<Named> keys = new ArrayList<>();

    /** Installs the callback on {@code contexts.getFirst()}, each context serving {@code leaves}' certificate at the same index. */
    ServerNames(List<MemorySegment> contexts, List<X509Certificate> leaves, Arena arena) throws Throwable {
        for (int i = 0; i < contexts.size(); i++) {
            keys.add(new Named(contexts.get(i), CertificateNames.of(leaves.get(i))));
        }
        MemorySegment stub = Linker.nativeLinker().upcallStub(
                MethodHandles.lookup().findVirtual(ServerNames.class, "serverName",
                        MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class, MemorySegment.class)).bindTo(this),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), arena);
        long set = (long) LibSsl.SSL_CTX_callback_ctrl.invokeExact(contexts.getFirst(), SSL_CTRL_SET_TLSEXT_SERVERNAME_CB, stub);
        if (set != 1) {
            throw new IllegalStateException("OpenSSL refused the servername callback: " + LibSsl.errors("no reason given"));
        }
    }

    /** The context serving {@code name}, or {@code null} for the default. */
    MemorySegment contextFor(String name) {
        for (Named k : keys) {
            if (CertificateNames.matches(k.names(), name)) {
                return k.ctx();
            }
        }
        return null;
    }

    /**
     * {@code int cb(SSL *s, int *al, void *arg)}, on the handshaking thread, after the
     * ClientHello is read: the session moves to the name's context. It must not throw into C.
     */
    @SuppressWarnings("unused") // called by OpenSSL through the upcall stub
    private int serverName(MemorySegment ssl, MemorySegment alert, MemorySegment arg) {
        try {
            String name = LibSsl.string((MemorySegment) LibSsl.SSL_get_servername.invokeExact(ssl, TLSEXT_NAMETYPE_host_name));
            MemorySegment ctx = name == null ? null : contextFor(name);
            if (ctx != null) {
                MemorySegment now = (MemorySegment) LibSsl.SSL_set_SSL_CTX.invokeExact(ssl, ctx);
            }
        } catch (Throwable e) {
            // the default context serves it
        }
        return LibSsl.SSL_TLSEXT_ERR_OK;
    }
}
