package org.iolab.openssl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;

/**
 * The system's {@code libssl.so.3} and {@code libcrypto.so.3} (OpenSSL 3, Debian's package
 * {@code libssl3}, patched by its security updates), bound through {@link Linker}: each function
 * iolab calls, with its C prototype. Macros of {@code ssl.h} are their {@code SSL_CTX_ctrl} call,
 * with the constants quoted from the headers. Nothing is bundled and nothing is generated at
 * build time; a missing or too old library is a reason ({@link #unavailableReason}), never a
 * crash.
 *
 * <p>Thread rule: the handles are immutable; OpenSSL's objects are each used by one thread at a
 * time (an {@code SSL} by its connection's), {@code SSL_CTX} by all (it is thread-safe).
 */
final class LibSsl {

    // ssl.h, prov_ssl.h, tls1.h, bio.h (OpenSSL 3.0)
    static final int SSL_ERROR_WANT_READ = 2;
    static final int SSL_ERROR_WANT_WRITE = 3;
    static final int SSL_ERROR_SYSCALL = 5;
    static final int SSL_ERROR_ZERO_RETURN = 6;
    static final int SSL_CTRL_MODE = 33;
    static final int SSL_CTRL_SET_SESS_CACHE_MODE = 44;
    static final long SSL_SESS_CACHE_OFF = 0x0;
    static final int SSL_CTRL_CHAIN_CERT = 89;
    static final int SSL_CTRL_SET_MIN_PROTO_VERSION = 123;
    static final long SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER = 0x2;
    static final long SSL_MODE_RELEASE_BUFFERS = 0x10;
    static final long SSL_OP_NO_COMPRESSION = 1L << 17;
    static final long SSL_OP_CIPHER_SERVER_PREFERENCE = 1L << 22;
    static final long SSL_OP_NO_RENEGOTIATION = 1L << 30;
    static final int TLS1_2_VERSION = 0x0303;
    static final int SSL_TLSEXT_ERR_OK = 0;
    static final int SSL_TLSEXT_ERR_ALERT_FATAL = 2;
    static final int SSL_TLSEXT_ERR_NOACK = 3;
    static final int OPENSSL_NPN_NEGOTIATED = 1;
    /** {@code OpenSSL_version(OPENSSL_VERSION)}: "OpenSSL 3.0.19 27 Jan 2026". */
    static final int OPENSSL_VERSION = 0;
    /** OpenSSL 3.0.0, as {@code OpenSSL_version_num()} counts: 0xMNN00PP0L. */
    static final long MINIMUM = 0x30000000L;

    /** The one thread that frees what nothing reaches any more: a session's {@code SSL}, a context's {@code SSL_CTX}s. */
    static final Cleaner CLEANER = Cleaner.create();
    private static final Linker LINKER = Linker.nativeLinker();
    private static final String UNAVAILABLE;
    private static final SymbolLookup SSL;
    private static final SymbolLookup CRYPTO;

    static {
        SymbolLookup ssl = null;
        SymbolLookup crypto = null;
        String why = null;
        try {
            crypto = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
            ssl = SymbolLookup.libraryLookup("libssl.so.3", Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            why = "libssl.so.3 did not load (install the Debian package libssl3): " + e.getMessage();
        }
        SSL = ssl;
        CRYPTO = crypto;
        UNAVAILABLE = why;
    }

    // ---- libcrypto ----
    /** {@code unsigned long OpenSSL_version_num(void);} */
    static final MethodHandle OpenSSL_version_num = crypto("OpenSSL_version_num", FunctionDescriptor.of(JAVA_LONG));
    /** {@code const char *OpenSSL_version(int type);} */
    static final MethodHandle OpenSSL_version = crypto("OpenSSL_version", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    /** {@code const BIO_METHOD *BIO_s_mem(void);} */
    static final MethodHandle BIO_s_mem = crypto("BIO_s_mem", FunctionDescriptor.of(ADDRESS));
    /** {@code BIO *BIO_new(const BIO_METHOD *type);} */
    static final MethodHandle BIO_new = crypto("BIO_new", FunctionDescriptor.of(ADDRESS, ADDRESS));
    /** {@code int BIO_free(BIO *a);} */
    static final MethodHandle BIO_free = crypto("BIO_free", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** {@code int BIO_write(BIO *b, const void *data, int dlen);} */
    static final MethodHandle BIO_write = crypto("BIO_write", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    /** {@code int BIO_read(BIO *b, void *data, int dlen);} */
    static final MethodHandle BIO_read = crypto("BIO_read", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    /** {@code X509 *d2i_X509(X509 **px, const unsigned char **in, long len);} */
    static final MethodHandle d2i_X509 = crypto("d2i_X509", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    /** {@code void X509_free(X509 *a);} */
    static final MethodHandle X509_free = crypto("X509_free", FunctionDescriptor.ofVoid(ADDRESS));
    /** {@code EVP_PKEY *d2i_AutoPrivateKey(EVP_PKEY **a, const unsigned char **pp, long length);} */
    static final MethodHandle d2i_AutoPrivateKey = crypto("d2i_AutoPrivateKey",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    /** {@code void EVP_PKEY_free(EVP_PKEY *key);} */
    static final MethodHandle EVP_PKEY_free = crypto("EVP_PKEY_free", FunctionDescriptor.ofVoid(ADDRESS));
    /** {@code unsigned long ERR_get_error(void);} */
    static final MethodHandle ERR_get_error = crypto("ERR_get_error", FunctionDescriptor.of(JAVA_LONG));
    /** {@code void ERR_error_string_n(unsigned long e, char *buf, size_t len);} */
    static final MethodHandle ERR_error_string_n = crypto("ERR_error_string_n",
            FunctionDescriptor.ofVoid(JAVA_LONG, ADDRESS, JAVA_LONG));
    /** {@code int RAND_bytes(unsigned char *buf, int num);} */
    static final MethodHandle RAND_bytes = crypto("RAND_bytes", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    /** {@code const EVP_CIPHER *EVP_aes_256_cbc(void);} */
    static final MethodHandle EVP_aes_256_cbc = crypto("EVP_aes_256_cbc", FunctionDescriptor.of(ADDRESS));
    /**
     * {@code int EVP_EncryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *type, ENGINE *impl,
     * const unsigned char *key, const unsigned char *iv);}
     */
    static final MethodHandle EVP_EncryptInit_ex = crypto("EVP_EncryptInit_ex",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    /**
     * {@code int EVP_DecryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *type, ENGINE *impl,
     * const unsigned char *key, const unsigned char *iv);}
     */
    static final MethodHandle EVP_DecryptInit_ex = crypto("EVP_DecryptInit_ex",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    /** {@code int EVP_MAC_CTX_set_params(EVP_MAC_CTX *ctx, const OSSL_PARAM params[]);} */
    static final MethodHandle EVP_MAC_CTX_set_params = crypto("EVP_MAC_CTX_set_params",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    /** {@code void ERR_clear_error(void);} */
    static final MethodHandle ERR_clear_error = crypto("ERR_clear_error", FunctionDescriptor.ofVoid());

    // ---- libssl ----
    /** {@code const SSL_METHOD *TLS_server_method(void);} */
    static final MethodHandle TLS_server_method = ssl("TLS_server_method", FunctionDescriptor.of(ADDRESS));
    /** {@code SSL_CTX *SSL_CTX_new(const SSL_METHOD *method);} */
    static final MethodHandle SSL_CTX_new = ssl("SSL_CTX_new", FunctionDescriptor.of(ADDRESS, ADDRESS));
    /** {@code void SSL_CTX_free(SSL_CTX *ctx);} */
    static final MethodHandle SSL_CTX_free = ssl("SSL_CTX_free", FunctionDescriptor.ofVoid(ADDRESS));
    /** {@code long SSL_CTX_ctrl(SSL_CTX *ctx, int cmd, long larg, void *parg);} */
    static final MethodHandle SSL_CTX_ctrl = ssl("SSL_CTX_ctrl", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS));
    /** {@code uint64_t SSL_CTX_set_options(SSL_CTX *ctx, uint64_t op);} */
    static final MethodHandle SSL_CTX_set_options = ssl("SSL_CTX_set_options", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
    /** {@code int SSL_CTX_set_cipher_list(SSL_CTX *ctx, const char *str);} (TLS 1.2's suites) */
    static final MethodHandle SSL_CTX_set_cipher_list = ssl("SSL_CTX_set_cipher_list",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    /** {@code int SSL_CTX_use_certificate(SSL_CTX *ctx, X509 *x);} */
    static final MethodHandle SSL_CTX_use_certificate = ssl("SSL_CTX_use_certificate",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    /** {@code int SSL_CTX_use_PrivateKey(SSL_CTX *ctx, EVP_PKEY *pkey);} */
    static final MethodHandle SSL_CTX_use_PrivateKey = ssl("SSL_CTX_use_PrivateKey",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    /** {@code int SSL_CTX_check_private_key(const SSL_CTX *ctx);} */
    static final MethodHandle SSL_CTX_check_private_key = ssl("SSL_CTX_check_private_key",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /**
     * {@code void SSL_CTX_set_alpn_select_cb(SSL_CTX *ctx, int (*cb)(SSL *ssl, const unsigned char **out,
     * unsigned char *outlen, const unsigned char *in, unsigned int inlen, void *arg), void *arg);}
     */
    static final MethodHandle SSL_CTX_set_alpn_select_cb = ssl("SSL_CTX_set_alpn_select_cb",
            FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
    /**
     * {@code int SSL_select_next_proto(unsigned char **out, unsigned char *outlen, const unsigned char *server,
     * unsigned int server_len, const unsigned char *client, unsigned int client_len);}
     */
    static final MethodHandle SSL_select_next_proto = ssl("SSL_select_next_proto",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    /** {@code long SSL_CTX_callback_ctrl(SSL_CTX *ctx, int cmd, void (*fp)(void));} */
    static final MethodHandle SSL_CTX_callback_ctrl = ssl("SSL_CTX_callback_ctrl",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT, ADDRESS));
    /** {@code const char *SSL_get_servername(const SSL *s, const int type);} */
    static final MethodHandle SSL_get_servername = ssl("SSL_get_servername", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    /** {@code SSL_CTX *SSL_set_SSL_CTX(SSL *ssl, SSL_CTX *ctx);} */
    static final MethodHandle SSL_set_SSL_CTX = ssl("SSL_set_SSL_CTX", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    /**
     * {@code int SSL_CTX_set_tlsext_ticket_key_evp_cb(SSL_CTX *ctx, int (*fp)(SSL *, unsigned char *,
     * unsigned char *, EVP_CIPHER_CTX *, EVP_MAC_CTX *, int));}
     */
    static final MethodHandle SSL_CTX_set_tlsext_ticket_key_evp_cb = ssl("SSL_CTX_set_tlsext_ticket_key_evp_cb",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    /** {@code int SSL_session_reused(const SSL *s);} */
    static final MethodHandle SSL_session_reused = ssl("SSL_session_reused", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** {@code SSL *SSL_new(SSL_CTX *ctx);} */
    static final MethodHandle SSL_new = ssl("SSL_new", FunctionDescriptor.of(ADDRESS, ADDRESS));
    /** {@code void SSL_free(SSL *ssl);} (frees the BIOs given to SSL_set_bio too) */
    static final MethodHandle SSL_free = ssl("SSL_free", FunctionDescriptor.ofVoid(ADDRESS));
    /** {@code void SSL_set_accept_state(SSL *ssl);} */
    static final MethodHandle SSL_set_accept_state = ssl("SSL_set_accept_state", FunctionDescriptor.ofVoid(ADDRESS));
    /** {@code void SSL_set_bio(SSL *s, BIO *rbio, BIO *wbio);} */
    static final MethodHandle SSL_set_bio = ssl("SSL_set_bio", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
    /** {@code int SSL_do_handshake(SSL *s);} */
    static final MethodHandle SSL_do_handshake = ssl("SSL_do_handshake", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** {@code int SSL_read(SSL *ssl, void *buf, int num);} */
    static final MethodHandle SSL_read = ssl("SSL_read", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    /** {@code int SSL_write(SSL *ssl, const void *buf, int num);} */
    static final MethodHandle SSL_write = ssl("SSL_write", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    /** {@code int SSL_get_error(const SSL *ssl, int ret);} */
    static final MethodHandle SSL_get_error = ssl("SSL_get_error", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    /** {@code int SSL_shutdown(SSL *s);} */
    static final MethodHandle SSL_shutdown = ssl("SSL_shutdown", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** {@code void SSL_get0_alpn_selected(const SSL *ssl, const unsigned char **data, unsigned int *len);} */
    static final MethodHandle SSL_get0_alpn_selected = ssl("SSL_get0_alpn_selected",
            FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
    /** {@code const char *SSL_get_version(const SSL *ssl);} */
    static final MethodHandle SSL_get_version = ssl("SSL_get_version", FunctionDescriptor.of(ADDRESS, ADDRESS));
    /** {@code const SSL_CIPHER *SSL_get_current_cipher(const SSL *s);} */
    static final MethodHandle SSL_get_current_cipher = ssl("SSL_get_current_cipher", FunctionDescriptor.of(ADDRESS, ADDRESS));
    /** {@code const char *SSL_CIPHER_standard_name(const SSL_CIPHER *c);} */
    static final MethodHandle SSL_CIPHER_standard_name = ssl("SSL_CIPHER_standard_name",
            FunctionDescriptor.of(ADDRESS, ADDRESS));

    private LibSsl() {
    }

    /** {@code null} when OpenSSL 3 loaded, else why not and what to install. */
    static String unavailableReason() {
        if (UNAVAILABLE != null) {
            return UNAVAILABLE;
        }
        try {
            long v = (long) OpenSSL_version_num.invokeExact();
            return v < MINIMUM ? "OpenSSL 3.0 or newer is needed, this is " + version()
                    + " (install the Debian package libssl3)" : null;
        } catch (Throwable e) {
            return "libssl.so.3 cannot be called: " + e;
        }
    }

    /** "OpenSSL 3.0.19 27 Jan 2026". */
    static String version() {
        try {
            return string((MemorySegment) OpenSSL_version.invokeExact(OPENSSL_VERSION));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * This thread's OpenSSL error queue, emptied into one line ({@code "error:0A00010B:SSL
     * routines::wrong version number"}), or {@code fallback} when it holds nothing.
     */
    static String errors(String fallback) {
        StringBuilder why = new StringBuilder();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(256);
            long e;
            while ((e = (long) ERR_get_error.invokeExact()) != 0) {
                ERR_error_string_n.invokeExact(e, buf, 256L);
                why.append(why.isEmpty() ? "" : "; ").append(buf.getString(0));
            }
        } catch (Throwable t) {
            why.append(t);
        }
        return why.isEmpty() ? fallback : why.toString();
    }

    /** Empties this thread's error queue, before a call whose failure is read from it. */
    static void clearErrors() {
        try {
            ERR_clear_error.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A C string OpenSSL owns (static or the object's), read. */
    static String string(MemorySegment cString) {
        return cString.equals(MemorySegment.NULL) ? null : cString.reinterpret(256).getString(0);
    }

    private static MethodHandle ssl(String name, FunctionDescriptor d) {
        return bind(SSL, name, d);
    }

    private static MethodHandle crypto(String name, FunctionDescriptor d) {
        return bind(CRYPTO, name, d);
    }

    /** The handle, or {@code null} where the library did not load (then nothing calls it). */
    private static MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor d) {
        return lib == null ? null : lib.find(name).map(a -> LINKER.downcallHandle(a, d))
                .orElseThrow(() -> new UnsatisfiedLinkError(name + " is not in OpenSSL here"));
    }
}
